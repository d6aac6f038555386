#include "store/sqlite_migrations.h"

namespace qalam {

const std::vector<Migration>& SqliteMigrations() {
  static const std::vector<Migration> migrations = {
      {1, R"sql(
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE people (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  slug TEXT NOT NULL UNIQUE,
  bio  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE sources (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  slug TEXT NOT NULL UNIQUE,
  url  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE sections (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  slug TEXT NOT NULL UNIQUE
);

CREATE TABLE tags (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  slug TEXT NOT NULL UNIQUE
);

CREATE TABLE articles (
  id           INTEGER PRIMARY KEY,
  external_id  TEXT UNIQUE,
  title        TEXT NOT NULL,
  slug         TEXT NOT NULL UNIQUE,
  status       TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  published_at INTEGER NOT NULL DEFAULT 0,
  updated_at   INTEGER NOT NULL DEFAULT 0,
  writer_id    INTEGER REFERENCES people(id),
  editor_id    INTEGER REFERENCES people(id),
  source_id    INTEGER REFERENCES sources(id),
  section_id   INTEGER REFERENCES sections(id),
  body_md      TEXT NOT NULL,
  body_html    TEXT NOT NULL,
  -- Hash of everything the article was saved with: an identical re-import
  -- changes nothing and purges nothing.
  content_hash TEXT NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  modified_at  INTEGER NOT NULL
);
CREATE INDEX articles_by_date    ON articles(status, published_at DESC, id DESC);
CREATE INDEX articles_by_section ON articles(section_id, status, published_at DESC, id DESC);
CREATE INDEX articles_by_writer  ON articles(writer_id, status, published_at DESC, id DESC);
CREATE INDEX articles_by_source  ON articles(source_id, status, published_at DESC, id DESC);
CREATE INDEX articles_by_editor  ON articles(editor_id);
CREATE INDEX articles_by_title   ON articles(title);

CREATE TABLE article_highlights (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  text       TEXT NOT NULL,
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tags(id),
  position   INTEGER NOT NULL,
  PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_by_tag ON article_tags(tag_id, article_id);

-- Curated "موضوعات تهمك" links. target_id is resolved by title when url is
-- empty, as soon as an article with that title exists.
CREATE TABLE article_related (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  title      TEXT NOT NULL,
  url        TEXT NOT NULL DEFAULT '',
  target_id  INTEGER REFERENCES articles(id) ON DELETE SET NULL,
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX article_related_by_target ON article_related(target_id);
CREATE INDEX article_related_by_title  ON article_related(title) WHERE target_id IS NULL;

-- Automatically chosen related articles, recomputed after writes.
CREATE TABLE related_auto (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  target_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX related_auto_by_target ON related_auto(target_id);

CREATE TABLE breaking (
  id         INTEGER PRIMARY KEY,
  text       TEXT NOT NULL,
  link       TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  until      INTEGER NOT NULL DEFAULT 0
);

-- Change keys for cache invalidation across processes (core/change_keys.h).
CREATE TABLE changes (
  id  INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL,
  at  INTEGER NOT NULL
);
)sql"},
      {2, R"sql(
-- Full-text search with the Arabic analyzer (store/sqlite_fts.h): one row
-- per published article, rowid = articles.id. Prefix indexes serve
-- suggestions as one types.
CREATE VIRTUAL TABLE article_search USING fts5(
  title, highlights, body, tokenize = 'qalam', prefix = '2 3'
);
INSERT INTO article_search(rowid, title, highlights, body)
  SELECT a.id, a.title,
         coalesce((SELECT group_concat(text, char(10)) FROM
                   (SELECT text FROM article_highlights h WHERE h.article_id = a.id
                    ORDER BY position)), ''),
         a.body_md
  FROM articles a WHERE a.status = 'published';
CREATE VIRTUAL TABLE article_search_vocab USING fts5vocab(article_search, 'row');

-- Each article's most frequent stems (title words count three times,
-- highlights twice), for related articles by content. Filled by the store
-- when an article is saved, and by `qalam search reindex`.
CREATE TABLE article_terms (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  term       TEXT NOT NULL,
  weight     INTEGER NOT NULL,
  PRIMARY KEY (article_id, term)
) WITHOUT ROWID;
)sql"},
      {3, R"sql(
-- Newsroom accounts (core/account.h). Tokens and passwords are stored only
-- as digests and argon2id hashes.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'chief_editor', 'editor', 'writer', 'moderator')),
  password_hash TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sessions (
  token_digest TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf         TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions(user_id);

-- One-time links: setting a password ('password'), or creating the first
-- admin of a site without accounts ('setup', user_id NULL).
CREATE TABLE one_time_tokens (
  token_digest TEXT PRIMARY KEY,
  purpose      TEXT NOT NULL,
  user_id      INTEGER REFERENCES users(id) ON DELETE CASCADE,
  expires_at   INTEGER NOT NULL
) WITHOUT ROWID;

-- Failed sign-ins per account ('user:EMAIL') and per address ('ip:ADDR').
CREATE TABLE login_failures (
  key          TEXT PRIMARY KEY,
  failures     INTEGER NOT NULL,
  window_start INTEGER NOT NULL,
  locked_until INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  at      INTEGER NOT NULL,
  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  action  TEXT NOT NULL,
  target  TEXT NOT NULL DEFAULT '',
  detail  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_time ON audit_log(at DESC, id DESC);
)sql"},
      {4, R"sql(
-- The section menu on every page asks which sections have published
-- articles; without this covering index that read every article row.
CREATE INDEX articles_by_status_section ON articles(status, section_id);
)sql"},
      {5, R"sql(
-- The newsroom desk. `status` stays what readers see (draft or published);
-- `workflow` says where an unpublished article is on the desk: '' a draft,
-- 'review' waiting for review, 'scheduled' to go live at scheduled_at,
-- 'trashed' in the trash since trashed_at. `version` grows with every desk
-- save, so that two people editing one article cannot overwrite each other.
ALTER TABLE articles ADD COLUMN author_id INTEGER REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE articles ADD COLUMN workflow TEXT NOT NULL DEFAULT ''
  CHECK (workflow IN ('', 'review', 'scheduled', 'trashed'));
ALTER TABLE articles ADD COLUMN scheduled_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN trashed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE articles ADD COLUMN image_id INTEGER REFERENCES media(id) ON DELETE SET NULL;
ALTER TABLE articles ADD COLUMN image_alt TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_by_workflow ON articles(workflow, scheduled_at);
CREATE INDEX articles_by_author ON articles(author_id, modified_at DESC);
CREATE INDEX articles_by_modified ON articles(modified_at DESC, id DESC);

-- Every desk save: who, when, whether minor, and the editable fields as
-- JSON (services/newsroom.h, Snapshot). Restoring one is a new save.
CREATE TABLE article_revisions (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  user_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  at         INTEGER NOT NULL,
  minor      INTEGER NOT NULL DEFAULT 0,
  action     TEXT NOT NULL,
  snapshot   TEXT NOT NULL
);
CREATE INDEX article_revisions_by_article ON article_revisions(article_id, id DESC);

-- Unsaved editor state, one per article and person, so that a closed tab
-- or a lost network loses at most a few seconds of typing.
CREATE TABLE article_autosaves (
  article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  at           INTEGER NOT NULL,
  base_version INTEGER NOT NULL,
  snapshot     TEXT NOT NULL,
  PRIMARY KEY (article_id, user_id)
) WITHOUT ROWID;

-- Uploaded images, named by the hash of their content (media/image.h);
-- the files live in DIR/media.
CREATE TABLE media (
  id          INTEGER PRIMARY KEY,
  hash        TEXT NOT NULL UNIQUE,
  mime        TEXT NOT NULL,
  width       INTEGER NOT NULL,
  height      INTEGER NOT NULL,
  alt         TEXT NOT NULL DEFAULT '',
  variants    TEXT NOT NULL,
  uploaded_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at  INTEGER NOT NULL
);

-- Old slugs of renamed things keep working with a permanent redirect.
CREATE TABLE slug_redirects (
  kind     TEXT NOT NULL,
  old_slug TEXT NOT NULL,
  new_id   INTEGER NOT NULL,
  PRIMARY KEY (kind, old_slug)
) WITHOUT ROWID;

ALTER TABLE breaking ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE people ADD COLUMN photo_id INTEGER REFERENCES media(id) ON DELETE SET NULL;
)sql"},
      {6, R"sql(
-- Readers' comments (core/comment.h). The email is kept for the site's
-- own checks and for export or erasure on request; pages, feeds, APIs and
-- logs never carry it.
CREATE TABLE comments (
  id           INTEGER PRIMARY KEY,
  article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  parent_id    INTEGER REFERENCES comments(id) ON DELETE CASCADE,
  depth        INTEGER NOT NULL DEFAULT 0,
  name         TEXT NOT NULL,
  email        TEXT NOT NULL,
  email_hash   TEXT NOT NULL,
  body         TEXT NOT NULL,
  body_hash    TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'spam')),
  decision     TEXT NOT NULL DEFAULT '',
  scores       TEXT NOT NULL DEFAULT '{}',
  reasons      TEXT NOT NULL DEFAULT '[]',
  reports      INTEGER NOT NULL DEFAULT 0,
  address_hash TEXT NOT NULL DEFAULT '',
  user_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at   INTEGER NOT NULL,
  decided_at   INTEGER NOT NULL DEFAULT 0,
  decided_by   INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX comments_by_article ON comments(article_id, state, created_at);
CREATE INDEX comments_by_state ON comments(state, created_at);
CREATE INDEX comments_by_email ON comments(email_hash, created_at);
CREATE INDEX comments_by_address ON comments(address_hash, created_at);
CREATE INDEX comments_by_body ON comments(article_id, body_hash);

-- Reader reports, one per comment and address.
CREATE TABLE comment_reports (
  comment_id   INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  address_hash TEXT NOT NULL,
  at           INTEGER NOT NULL,
  PRIMARY KEY (comment_id, address_hash)
) WITHOUT ROWID;

-- Every moderator decision, the training data of the next model: the text
-- as it was judged and the label the decision gives it.
CREATE TABLE moderation_log (
  id         INTEGER PRIMARY KEY,
  comment_id INTEGER REFERENCES comments(id) ON DELETE SET NULL,
  user_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  at         INTEGER NOT NULL,
  action     TEXT NOT NULL,
  label      TEXT NOT NULL DEFAULT '',
  text       TEXT NOT NULL DEFAULT ''
);

-- The site's term lists (moderation/term_matcher.h).
CREATE TABLE moderation_terms (
  id       INTEGER PRIMARY KEY,
  text     TEXT NOT NULL UNIQUE,
  action   TEXT NOT NULL CHECK (action IN ('reject', 'hold')),
  category TEXT NOT NULL DEFAULT ''
);
)sql"},
      // Issue 10: the classifier's thresholds become "auto" (chosen by
      // `qalam moderation train` for moderation's targets) on sites that
      // still have the old defaults, 50 and 90, which rejected clean
      // comments; a value an admin chose is kept.
      {7, R"sql(
UPDATE settings SET value = 'auto' WHERE key = 'moderation_hold_score' AND value = '50';
UPDATE settings SET value = 'auto' WHERE key = 'moderation_reject_score' AND value = '90';
)sql"},
      // Issue 11: the store computes nothing from an article. Its search
      // text (the words a reader sees, made from the Markdown above the
      // store) is stored with it, and its terms (article_terms) are kept
      // for drafts too, so that scheduled publishing indexes it from what
      // is stored. NULL: saved before; the services rebuild the index
      // (services/article_text.h), Store::MissingSearchText says when.
      {8, R"sql(
ALTER TABLE articles ADD COLUMN search_text TEXT;
CREATE INDEX articles_without_search_text ON articles(id) WHERE search_text IS NULL;
)sql"},
      // What a WordPress site brings besides articles: static pages ("من
      // نحن", served at /page/{slug}, in no reader's list, search or related
      // list, linked from the footer menu when in_footer) and articles
      // pinned at the top of the home page (until pinned_until when it is
      // not 0). The reader's lists keep their indexes and skip the few pages
      // as they walk them; the footer menu and the pinned block read small
      // partial indexes of their own.
      {9, R"sql(
ALTER TABLE articles ADD COLUMN kind TEXT NOT NULL DEFAULT 'article' CHECK (kind IN ('article', 'page'));
ALTER TABLE articles ADD COLUMN in_footer INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN pinned_until INTEGER NOT NULL DEFAULT 0;
CREATE INDEX articles_in_footer ON articles(title, id) WHERE kind = 'page' AND in_footer = 1;
CREATE INDEX articles_pinned ON articles(published_at DESC, id DESC) WHERE pinned = 1;
)sql"},
      // Issue 12: imports from another system (a WordPress site). Where
      // each old object (origin = the old site's address, its kind and old
      // ID) went, with a hash of what was imported so that an unchanged
      // re-import writes nothing; and every old address readers and search
      // engines know, answered with a 301 (store/imported.h).
      {10, R"sql(
CREATE TABLE imported_objects (
  origin TEXT NOT NULL,
  kind   TEXT NOT NULL,
  old_id TEXT NOT NULL,
  new_id INTEGER NOT NULL,
  hash   TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (origin, kind, old_id)
) WITHOUT ROWID;
CREATE TABLE old_addresses (
  path        TEXT PRIMARY KEY,
  target_kind TEXT NOT NULL,
  target_id   INTEGER NOT NULL DEFAULT 0,
  origin      TEXT NOT NULL
) WITHOUT ROWID;
)sql"},
      // The section menu (every page) and each save's check of it read the
      // published articles per section; since migration 9 they take
      // kind = 'article' too, which the index of migration 4 does not
      // cover: each read looked up every published row. This one covers it
      // again (bench/import: the check took a quarter of an import).
      {11, R"sql(
CREATE INDEX articles_menu ON articles(status, kind, section_id);
DROP INDEX articles_by_status_section;
)sql"},
      // Images whose variants are still to be made (PendingMedia): an
      // import stores the original and the planned variants, and the
      // variants are made afterwards. Gone when they are made (or when the
      // media row is).
      {12, R"sql(
CREATE TABLE media_pending (
  media_id    INTEGER PRIMARY KEY REFERENCES media(id) ON DELETE CASCADE,
  variant_key TEXT NOT NULL UNIQUE,
  original    TEXT NOT NULL,
  failure     TEXT NOT NULL DEFAULT ''
);
)sql"},
      // Comments get a trash (CommentState::kTrash): state 'trash'. Only the
      // CHECK constraint of migration 3 changes, loosened, which SQLite's
      // documentation allows through writable_schema ("Making Other Kinds
      // Of Table Schema Changes"): no row changes and none could fail it.
      // The schema version moves so that every connection reads it again.
      {13, R"sql(
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (state IN (''pending'', ''approved'', ''rejected'', ''spam''))',
                                       'CHECK (state IN (''pending'', ''approved'', ''rejected'', ''spam'', ''trash''))')
 WHERE type = 'table' AND name = 'comments';
PRAGMA writable_schema = OFF;
)sql", true},
      // The featured image's caption (Article::image_caption), shown under
      // it; a WordPress attachment's caption comes with the import.
      {14, R"sql(
ALTER TABLE articles ADD COLUMN image_caption TEXT NOT NULL DEFAULT '';
)sql"},
      // What search engines and social networks show of an article when it
      // differs from the page's own title and first highlight (Article::
      // seo_title, seo_description); a republished piece's own address and
      // whether it is the canonical one (original_url, canonical_original);
      // and a description on the pages of sections and tags.
      {15, R"sql(
ALTER TABLE articles ADD COLUMN seo_title TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN seo_description TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN original_url TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN canonical_original INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sections ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE tags ADD COLUMN description TEXT NOT NULL DEFAULT '';
)sql"},
      // Feeds and sitemaps (store/sqlite_feeds.cc): a month's published
      // articles in publication order, and every month's count and latest
      // modification, read from the index alone.
      {16, R"sql(
CREATE INDEX articles_sitemap ON articles(status, kind, published_at, id, modified_at, updated_at);
)sql"},
      // The front page as the desk lays it out (store::HomeLayout): the lead
      // (role 'lead', position 0) and the featured row, the section blocks in
      // order, and one row for the rest (the opinion section, whether the
      // blocks were ever chosen). A deleted article or section leaves it.
      {17, R"sql(
CREATE TABLE home_articles (
  role TEXT NOT NULL CHECK (role IN ('lead', 'featured')),
  position INTEGER NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (role, position)
) WITHOUT ROWID;
CREATE TABLE home_sections (
  position INTEGER PRIMARY KEY,
  section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE
);
CREATE TABLE home_layout (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  sections_chosen INTEGER NOT NULL DEFAULT 0,
  opinion_section_id INTEGER REFERENCES sections(id) ON DELETE SET NULL,
  updated_at INTEGER NOT NULL DEFAULT 0,
  updated_by INTEGER REFERENCES users(id) ON DELETE SET NULL
);
)sql"},
      // An image's own caption and credit (MediaItem::caption, credit),
      // shown under it on pages and named in structured data.
      {18, R"sql(
ALTER TABLE media ADD COLUMN caption TEXT NOT NULL DEFAULT '';
ALTER TABLE media ADD COLUMN credit TEXT NOT NULL DEFAULT '';
)sql"},
      // Dated notices on an article (ArticleNotice: corrections, updates,
      // clarifications, editor's notes), saved with it; the corrections
      // page reads the listed kinds newest first through the partial index.
      // And whether a section's articles show the time beside the date
      // (Section::show_time; opinion sections may turn it off).
      {19, R"sql(
CREATE TABLE article_notices (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('correction', 'update', 'clarification', 'editors_note')),
  placement  TEXT NOT NULL CHECK (placement IN ('top', 'bottom')),
  text       TEXT NOT NULL,
  at         INTEGER NOT NULL,
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX article_notices_listed ON article_notices(at DESC, article_id, position)
  WHERE kind IN ('correction', 'clarification');
ALTER TABLE sections ADD COLUMN show_time INTEGER NOT NULL DEFAULT 1;
)sql"},
      // The site's menus as the desk builds them (store::SiteMenu): a row
      // in site_menus once a menu was saved (an empty saved menu stays
      // empty), its items in order. A deleted section or page leaves it.
      {20, R"sql(
CREATE TABLE site_menus (
  menu TEXT PRIMARY KEY CHECK (menu IN ('header', 'footer')),
  updated_at INTEGER NOT NULL,
  updated_by INTEGER REFERENCES users(id) ON DELETE SET NULL
) WITHOUT ROWID;
CREATE TABLE site_menu_items (
  menu TEXT NOT NULL REFERENCES site_menus(menu) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('section', 'page', 'link')),
  section_id INTEGER REFERENCES sections(id) ON DELETE CASCADE,
  article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
  url TEXT NOT NULL DEFAULT '',
  label TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (menu, position)
) WITHOUT ROWID;
)sql"},
      // Who else took part in an article (Article::contributors): co-
      // writers, translators and contributors, in the editor's order. The
      // byline's first writer stays articles.writer_id; a person's page
      // lists the articles of either (the index by person).
      {21, R"sql(
CREATE TABLE article_people (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('writer', 'translator', 'contributor')),
  person_id  INTEGER NOT NULL REFERENCES people(id),
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX article_people_by_person ON article_people(person_id, article_id);
)sql"},
      // The articles featuring an image: the media library's usage, and the
      // pages and lists an edit of its text purges (SetMediaAlt,
      // SetMediaCaptionCredit), read by image rather than by a scan.
      {22, R"sql(
CREATE INDEX articles_by_image ON articles(image_id) WHERE image_id IS NOT NULL;
)sql"},
      // The breaking desk (BreakingItem): an item may start later than it
      // is added, be urgent (shown first) and name the article it links to
      // (its link is then read from the article's slug; a deleted article
      // leaves the item without a link). `announced` holds which of its
      // times a change row has told servers of (Store::BreakingDue): 1 its
      // start, 2 its end. Items already there have started and been told.
      {23, R"sql(
ALTER TABLE breaking ADD COLUMN starts_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE breaking ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE breaking ADD COLUMN article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL;
ALTER TABLE breaking ADD COLUMN announced INTEGER NOT NULL DEFAULT 0;
UPDATE breaking SET announced = 1;
)sql"},
      // Readers' views by article and hour (services/view_counter): only
      // counts, nothing about a reader. Added to by every server's flush
      // (INSERT … ON CONFLICT DO UPDATE SET views = views + excluded.views);
      // the hour index serves the most read of the last 24 hours.
      {24, R"sql(
CREATE TABLE article_views (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  hour       INTEGER NOT NULL,
  views      INTEGER NOT NULL CHECK (views >= 0),
  PRIMARY KEY (article_id, hour)
) WITHOUT ROWID;
CREATE INDEX article_views_by_hour ON article_views(hour, article_id, views);
)sql"},
  };
  return migrations;
}

}  // namespace qalam
