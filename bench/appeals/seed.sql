-- 100,000 appeals of the category "roads" over the last 60 days: a quarter
-- still open with a running clock (some overdue, some nearly due, most not),
-- the rest closed. One "submit" event each. Run by bench/appeals/run.sh on a
-- database that has the schema and the category (id 1).
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000),
rows AS (
  SELECT i,
         strftime('%s', 'now') - 60 * 86400 + i * 51 AS submitted,
         CASE WHEN i % 4 = 0 THEN 'in_progress' ELSE 'closed' END AS state
  FROM n)
INSERT INTO appeals (tracking_code, category_id, channel, state, description, attributes,
  lat, lon, photos, anonymous, submitted_at, response_due, resolution_due, clock_start, due_at,
  nearly_at, escalation, followers, reopen_count, updated_at, closed_at)
SELECT printf('B%07d', i), 1, 'web', state, 'seeded appeal ' || i, '{"problem":"pothole"}',
  37.50 + (i % 1000) * 0.00005, 111.12 + (i % 997) * 0.00005, '[]', 1, submitted,
  submitted + 86400, submitted + 14 * 86400,
  CASE WHEN state = 'closed' THEN NULL ELSE submitted END,
  CASE WHEN state = 'closed' THEN NULL ELSE submitted + 14 * 86400 END,
  CASE WHEN state = 'closed' THEN NULL ELSE submitted + 14 * 86400 * 4 / 5 END,
  0, 0, 0, submitted, CASE WHEN state = 'closed' THEN submitted + 86400 END
FROM rows;
INSERT INTO appeal_events (appeal_id, at, actor_role, action, to_state, public)
SELECT id, submitted_at, 'anonymous', 'submit', 'submitted', 1 FROM appeals;
