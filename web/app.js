// The warmcity start page: service status, staff sign-in and who is signed in.
const ROLE_NAMES = {
  resident: '居民', worker: '网格员', volunteer: '志愿者', keeper: '设施管理方',
  department: '职能部门', admin: '区级管理员',
};

const $ = (id) => document.getElementById(id);
let csrfToken = '';

async function showHealth() {
  const el = $('health');
  try {
    const res = await fetch('/api/v1/health');
    const body = await res.json();
    const ok = res.ok && body.status === 'ok';
    el.textContent = ok ? `运行正常（版本 ${body.version}）` : '数据库暂时无法访问';
    el.className = ok ? 'ok' : 'bad';
  } catch {
    el.textContent = '无法连接服务器';
    el.className = 'bad';
  }
}

async function showMe() {
  const res = await fetch('/api/v1/me', { credentials: 'same-origin' });
  const signedIn = res.ok;
  $('me-card').hidden = !signedIn;
  $('signin-card').hidden = signedIn;
  if (!signedIn) return;
  const me = await res.json();
  csrfToken = me.csrf_token;
  $('me-name').textContent = me.display_name || me.username;
  $('me-role').textContent = ROLE_NAMES[me.role] || me.role;
}

async function signIn(event) {
  event.preventDefault();
  $('signin-error').textContent = '';
  const res = await fetch('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: $('username').value, password: $('password').value }),
  });
  if (!res.ok) {
    $('signin-error').textContent = res.status === 429
      ? '尝试次数过多，请稍后再试'
      : '用户名或密码不正确';
    return;
  }
  $('password').value = '';
  await showMe();
}

async function signOut() {
  await fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'x-csrf-token': csrfToken } });
  await showMe();
}

$('signin').addEventListener('submit', signIn);
$('signout').addEventListener('click', signOut);
showHealth();
showMe();
