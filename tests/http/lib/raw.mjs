// Sends raw bytes over TCP and returns what the server answered, for the
// tests that must send what fetch() refuses to (smuggling headers, bad syntax).
import net from 'node:net';

export function rawRequest(port, bytes, { timeoutMs = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => { sock.destroy(); resolve({ data, timedOut: true }); }, timeoutMs);
    sock.on('connect', () => sock.write(bytes));
    sock.on('data', (c) => { data += c; });
    sock.on('error', (e) => { clearTimeout(timer); if (data) resolve({ data }); else reject(e); });
    sock.on('close', () => { clearTimeout(timer); resolve({ data, closed: true }); });
  });
}

export function statusOf(raw) {
  const m = raw.match(/^HTTP\/1\.1 (\d{3})/);
  return m ? Number(m[1]) : null;
}
