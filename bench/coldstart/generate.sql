-- Fills a database made by `hackd init` (so its schema is the real one) with
-- @events events of @teams team each, @ideas ideas per team: 20 × 500 × 100
-- = 1,000,000 ideas at the limits of docs/LIMITS.md (500 teams per event,
-- 100 ideas per team), each at its revision 1: its row in `ideas`, as hackd
-- writes it (`idea_revisions` holds only revisions that edits replaced).
-- Texts are cut from one paragraph at varying offsets: title ~40, pitch 120
-- and body 240 characters, like the ideas the write benchmark posts.
--
--   sqlite3 DB -cmd '.parameter set @events 20' -cmd '.parameter set @teams 500' \
--       -cmd '.parameter set @ideas 100' < bench/coldstart/generate.sql
--
-- Bulk loading only: no journal and no syncs while writing, then back to WAL.
-- hackd itself never runs like this.
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;

BEGIN;
CREATE TEMP TABLE corpus (text TEXT);
INSERT INTO corpus VALUES ('Un capteur partagé par quartier, relevé par les habitants, pour savoir où l''air est bon et quand ouvrir les fenêtres. Les données sont publiées chaque heure sous licence ouverte ; la mairie prête les capteurs, les écoles les installent, et une carte simple montre les relevés de la semaine. Une ressourcerie numérique recense les chutes de tissus, de bois et de résine des entreprises voisines, pour que les déchets de l''une deviennent la matière première de l''autre. Un atelier de prototypage ouvert le samedi accueille les porteurs de projets, avec une école de code au premier étage et un espace de coworking dans l''ancienne gare. Coût estimé : quarante euros par capteur, une demi-journée d''atelier par école, et un an pour mesurer ce qui a marché.');

INSERT INTO territories (slug, name, representative_name, representative_role)
VALUES ('bench-territoire', 'Territoire du banc d''essai', 'Camille Martin', 'déléguée au numérique');

WITH RECURSIVE e(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM e WHERE k < @events)
INSERT INTO events (slug, name, venue, time_zone, date, theme, created_at, updated_at)
SELECT printf('bench-cold-%02d', k), printf('Banc d''essai à froid %d', k), 'Lille', 'Europe/Paris',
       '2017-10-10', 'charge', 1507629600000, 1507629600000
FROM e;

WITH RECURSIVE e(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM e WHERE k < @events),
     p(pos, kind, name, start, minutes) AS (VALUES
        (0, 'intro', 'Introduction', '11:00', 5),
        (1, 'hack', 'Hack', '11:05', 115),
        (2, 'synthesis', 'Synthèse', '13:00', 60),
        (3, 'break', 'Pause', '14:00', 60),
        (4, 'restitution', 'Restitution', '15:00', 45))
INSERT INTO phases (event_slug, position, kind, name, planned_start, duration_ms)
SELECT printf('bench-cold-%02d', k), pos, kind, name, start, minutes * 60000 FROM e, p ORDER BY 1, 2;

WITH RECURSIVE e(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM e WHERE k < @events)
INSERT INTO challenges (id, event_slug, territory_slug, title, context)
SELECT k, printf('bench-cold-%02d', k), 'bench-territoire', 'Mesurer sans se mentir',
       'Un défi pour le banc d''essai : des idées, vite et durablement.'
FROM e;

WITH RECURSIVE e(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM e WHERE k < @events),
     th(pos, theme) AS (VALUES (0, 'numérique'), (1, 'territoires'))
INSERT INTO challenge_themes (challenge_id, position, theme) SELECT k, pos, theme FROM e, th ORDER BY 1, 2;

WITH RECURSIVE t(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM t WHERE id < @events * @teams)
INSERT INTO teams (id, event_slug, challenge_id, name)
SELECT id, printf('bench-cold-%02d', (id - 1) / @teams + 1), (id - 1) / @teams + 1,
       printf('Équipe %d', (id - 1) % @teams + 1)
FROM t;

WITH RECURSIVE t(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM t WHERE id < @events * @teams),
     m(pos, name, role) AS (VALUES (0, 'Alex Dupont', 'développeuse'), (1, 'Sam Bernard', 'designer'))
INSERT INTO team_members (team_id, position, name, role) SELECT id, pos, name, role FROM t, m ORDER BY 1, 2;

WITH RECURSIVE i(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM i WHERE id < @events * @teams * @ideas)
INSERT INTO ideas (id, team_id, challenge_id, title, pitch, body, revision, created_at, updated_at)
SELECT id, (id - 1) / @ideas + 1, (id - 1) / (@ideas * @teams) + 1,
       printf('Idée %d : %s', (id - 1) % @ideas + 1, substr(c.text, 1 + (id * 7) % 300, 30)),
       substr(c.text, 1 + (id * 37) % 400, 120),
       substr(c.text, 1 + (id * 53) % 300, 240),
       1, 1507629600000 + id, 1507629600000 + id
FROM i, corpus c;

COMMIT;

PRAGMA journal_mode = WAL;
