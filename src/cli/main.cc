// qalam: the command line. Every subcommand and option is described by
// `qalam --help` and `qalam SUBCOMMAND --help`.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "core/settings.h"

int main(int argc, char** argv) {
  CLI::App app{
      "Qalam (قلم): an Arabic-first publishing platform for news and opinion sites.\n"
      "One binary with an embedded SQLite database serves a whole site."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "qalam 0.1.0");

  std::string data_dir;
  auto add_data = [&](CLI::App* cmd) {
    cmd->add_option("--data", data_dir, "the site's directory (holds qalam.db)")->required();
  };

  CLI::App* init = app.add_subcommand(
      "init", "Create a new site in --data: the database, default settings, and welcome "
              "articles with one breaking item. Refuses to touch an existing site.");
  add_data(init);

  std::string import_file;
  bool strict = false;
  qalam::cli::WordPressImportCliOptions wordpress;
  CLI::App* import = app.add_subcommand(
      "import", "Import articles in the interchange format (JSON Lines; see "
                "docs/ARTICLE-FORMAT.md), idempotent by `id`, bad lines reported with their "
                "number and reason on stderr and skipped; or a whole WordPress site from its "
                "export (WXR 1.0-1.2, Tools > Export > All content; see docs/WORDPRESS.md), "
                "told apart by the file's content. A WordPress export that cannot be read "
                "exits with status 3 and changes nothing; re-importing changes nothing.");
  add_data(import);
  import->add_option("FILE", import_file,
                     "the .jsonl file (- for standard input) or WordPress export (.xml) to import")
      ->required();
  import->add_flag("--strict", strict, "JSON lines: exit with status 3 when any line was skipped");
  import->add_option("--media-dir", wordpress.media_dir,
                     "WordPress: a copy of wp-content/uploads; an image whose address contains "
                     "/wp-content/uploads/PATH is read from DIR/PATH (for a Qalam site's export: "
                     "its DIR/media). JSON lines of `qalam export`: the old site's DIR/media, whose "
                     "files the media lines name");
  import->add_option("--users", wordpress.users_file,
                     "WordPress: the users' roles and bios the export lacks, as "
                     "`wp user list --fields=user_login,display_name,user_email,roles,description "
                     "--format=csv` prints them");
  import->add_flag("--fetch-media", wordpress.fetch_media,
                   "WordPress: fetch images missing from --media-dir from their address");
  import->add_flag("--dry-run", wordpress.dry_run,
                   "WordPress: read and map everything and print the report; write nothing");

  std::string export_file, export_format = "jsonl";
  bool export_comments = false;
  CLI::App* exportc = app.add_subcommand(
      "export", "Write the whole site out: JSON lines (the interchange format, lossless: importing it "
                "into a new site with --media-dir OLD/media gives the same pages; see "
                "docs/ARTICLE-FORMAT.md) or a WordPress export (WXR 1.2, which WordPress and "
                "`qalam import` read; see docs/WORDPRESS.md).");
  add_data(exportc);
  exportc->add_option("--format", export_format, "jsonl or wxr")
      ->check(CLI::IsMember({"jsonl", "wxr"}))
      ->capture_default_str();
  exportc->add_flag("--comments", export_comments,
                    "include every comment in every state with the commenter's email: the file then "
                    "holds personal data");
  exportc->add_option("FILE", export_file, "where to write (- for standard output)")->required();

  std::string backup_file;
  CLI::App* backup = app.add_subcommand(
      "backup", "Write a backup of the site to FILE: the database as of one moment (consistent while "
                "the site serves and takes writes), its media and its classifier, in one tar file "
                "written beside FILE and renamed over it once complete. See docs/DEPLOY.md.");
  add_data(backup);
  backup->add_option("FILE", backup_file, "where to write the backup")->required();
  std::string restore_file;
  bool restore_force = false;
  CLI::App* restore = app.add_subcommand(
      "restore", "Restore a backup made by `qalam backup` into --data. The whole file is read and the "
                 "restored database checked (integrity, foreign keys, search index) before anything "
                 "changes; a site already there is replaced only with --force, and kept aside in "
                 "DIR/.replaced-TIME. Stop the server first.");
  add_data(restore);
  restore->add_option("FILE", restore_file, "the backup file")->required();
  restore->add_flag("--force", restore_force, "replace the site in --data (kept aside, never deleted)");

  CLI::App* breaking = app.add_subcommand(
      "breaking", "Manage the breaking-news ticker (الأخبار العاجلة) shown on every page.");
  breaking->require_subcommand(1);
  std::string text;
  qalam::cli::BreakingAddOptions badd_options;
  CLI::App* badd = breaking->add_subcommand("add", "Add a breaking item; prints its id.");
  add_data(badd);
  badd->add_option("TEXT", text, "the item's text")->required();
  badd->add_option("--link", badd_options.link, "an address to link to (http(s)://… or a path on this site)");
  badd->add_option("--article", badd_options.article,
                   "the id of a published article to link to (its address followed if its slug changes); "
                   "not with --link");
  badd->add_option("--until", badd_options.until,
                   "ISO 8601 time when it expires (e.g. 2026-12-01T18:00; without an offset, "
                   "in the site's time zone)");
  badd->add_option("--starts", badd_options.starts,
                   "ISO 8601 time when it starts showing (as --until; a past time means now)");
  badd->add_flag("--urgent", badd_options.urgent, "shown first, in the urgent style");
  bool list_all = false;
  CLI::App* blist = breaking->add_subcommand("list", "List breaking items (urgent first): id, expiry, text, link, start, urgency, article.");
  add_data(blist);
  blist->add_flag("--all", list_all, "include expired and scheduled items");
  long long remove_id = 0;
  CLI::App* bremove = breaking->add_subcommand("remove", "Remove a breaking item by id.");
  add_data(bremove);
  bremove->add_option("ID", remove_id, "the item's id (from breaking list)")->required();

  CLI::App* user = app.add_subcommand("user", "Manage the newsroom's accounts.");
  user->require_subcommand(1);
  std::string user_role, user_email, user_name;
  CLI::App* uadd = user->add_subcommand(
      "add", "Create an account and print a one-time link (valid 72 hours) with which its owner "
             "sets the password; no password is ever given on the command line.");
  add_data(uadd);
  uadd->add_option("--role", user_role, "admin, chief_editor, editor, writer or moderator")->required();
  uadd->add_option("--email", user_email, "the account's email address (its login)")->required();
  uadd->add_option("--name", user_name, "the name shown on the desk")->required();
  CLI::App* uunlock = user->add_subcommand(
      "unlock", "End every lock-out of an account after failed sign-ins, from every address (an address "
                "locked out over many accounts stays locked).");
  add_data(uunlock);
  uunlock->add_option("EMAIL", user_email, "the account's email address")->required();

  CLI::App* moderation = app.add_subcommand(
      "moderation", "Comment moderation: score comments, train the classifier, edit the term lists.");
  moderation->require_subcommand(1);
  CLI::App* mscore = moderation->add_subcommand(
      "score", "Read JSON lines {\"text\": …} on standard input and write, for each, a JSON line with "
               "the decision (approve, hold or reject), the classifier's scores and the reasons: the "
               "site's pipeline without the spam guards that need a request.");
  add_data(mscore);
  std::vector<std::string> train_files;
  bool train_force = false;
  CLI::App* mtrain = moderation->add_subcommand(
      "train", "Train the site's classifier on labeled comments (JSON lines with text and label ok, "
               "offensive or hate, as ../shared/data/moderation/train.jsonl) and the moderators' own "
               "decisions; choose the hold and reject thresholds for moderation's targets on comments "
               "the models never saw and keep them beside the model; report precision, recall and ROC AUC; "
               "keep the current model when the new one ranks worse.");
  add_data(mtrain);
  mtrain->add_option("FILE", train_files, "labeled .jsonl files");
  mtrain->add_flag("--force", train_force, "replace the current model even when the new one scores lower");
  int train_threads = 0;
  mtrain->add_option("--threads", train_threads,
                     "training threads (default: one per core; 1 makes a run repeatable)")
      ->check(CLI::Range(1, 256));
  int train_folds = 3;
  mtrain->add_option("--folds", train_folds,
                     "models trained on parts of the data, each scoring the part it never saw, to choose "
                     "the hold and reject thresholds for the targets")
      ->check(CLI::Range(2, 20))
      ->capture_default_str();
  CLI::App* mterms = moderation->add_subcommand("terms", "The site's term lists: terms that reject or hold a comment.");
  mterms->require_subcommand(1);
  CLI::App* tlist = mterms->add_subcommand("list", "List the terms: id, action, category, term.");
  add_data(tlist);
  std::string term_text, term_action = "hold", term_category;
  CLI::App* tadd = mterms->add_subcommand("add", "Add a term; prints its id. Matching is robust to "
                                                 "diacritics, tatweel, repeated or spaced letters and Arabizi.");
  add_data(tadd);
  tadd->add_option("TERM", term_text, "a word or a short phrase")->required();
  tadd->add_option("--action", term_action, "reject or hold")->capture_default_str();
  tadd->add_option("--category", term_category, "what it offends: insult, religion, sect, race, …");
  long long term_id = 0;
  CLI::App* tremove = mterms->add_subcommand("remove", "Remove a term by id.");
  add_data(tremove);
  tremove->add_option("ID", term_id, "the term's id (from terms list)")->required();
  CLI::App* tstarter = mterms->add_subcommand(
      "starter", "Add the starter lists that a new site gets (obscenities, insults, slurs against religions, "
                 "sects, origins and genders) where the site does not list a term yet; prints how many.");
  add_data(tstarter);

  CLI::App* search = app.add_subcommand("search", "Search the site's articles, or rebuild its index.");
  search->require_subcommand(1);
  CLI::App* reindex = search->add_subcommand(
      "reindex", "Rebuild the Arabic search index and related articles from the stored articles.");
  add_data(reindex);
  std::string search_text;
  int search_limit = 10;
  CLI::App* squery = search->add_subcommand(
      "query", "Run a search as the site does and print score, id and title of each result.");
  add_data(squery);
  squery->add_option("QUERY", search_text,
                     "words; \"an exact phrase\"; -excluded (see docs/SEARCH.md)")->required();
  squery->add_option("--limit", search_limit, "how many results")->capture_default_str()->check(CLI::Range(1, 50));

  CLI::App* media = app.add_subcommand("media", "The site's images.");
  media->require_subcommand(1);
  int variants_threads = 0;
  CLI::App* mvariants = media->add_subcommand(
      "variants", "Make now the sizes of imported images still waiting for them (`qalam import` stores "
                  "the originals and `qalam serve` makes the sizes in the background); list the images "
                  "whose sizes cannot be made.");
  add_data(mvariants);
  mvariants->add_option("--threads", variants_threads, "threads (default: one per core)")->check(CLI::Range(1, 256));

  qalam::cli::ServeOptions serve_options;
  CLI::App* serve = app.add_subcommand(
      "serve", "Serve the site over HTTP until SIGTERM or SIGINT (requests in flight finish "
               "first). Prints the address it listens on.");
  add_data(serve);
  serve->add_option("--listen", serve_options.listen,
                    "HOST:PORT to listen on; port 0 picks a free one")
      ->capture_default_str();
  serve->add_option("--theme", serve_options.theme_dir,
                    "a theme directory for the reader's pages instead of the built-in default theme "
                    "(the desk under /admin is not part of a theme and is always the built-in one)");
  serve->add_option("--access-log", serve_options.access_log,
                    "where to write the access log: a file, - for standard output, or off")
      ->capture_default_str();
  serve->add_option("--threads", serve_options.threads,
                    "worker threads answering requests: rendering, the store, password checks "
                    "(default: one per core)")
      ->check(CLI::Range(0, 1024));
  serve->add_option("--io-threads", serve_options.io_threads,
                    "threads reading requests and writing replies, which never wait for an answer "
                    "to be made (default: one per core)")
      ->check(CLI::Range(0, 1024));
  serve->add_option("--idle-timeout", serve_options.idle_timeout,
                    "seconds a keep-alive connection may wait for its next request")
      ->capture_default_str()->check(CLI::Range(1, 3600));
  serve->add_option("--header-timeout", serve_options.header_timeout,
                    "seconds a request's header may take to arrive, from its first byte (on a new "
                    "connection: from the connect); slower clients are disconnected")
      ->capture_default_str()->check(CLI::Range(1, 3600));
  serve->add_option("--body-timeout", serve_options.body_timeout,
                    "seconds a request's body may take to arrive after its header, plus one second "
                    "per 32 KiB it declares (a minimum rate for large uploads)")
      ->capture_default_str()->check(CLI::Range(1, 86400));
  serve->add_option("--clock-file", serve_options.clock_file,
                    "for tests: read the current time (UTC seconds) from FILE while it holds one")
      ->group("");  // Hidden from --help: not for production.
  serve->add_option("--max-connections", serve_options.max_connections,
                    "open connections allowed at once; when full, a new connection closes the one "
                    "that has waited longest for its client")
      ->capture_default_str()->check(CLI::Range(1, 1000000));
  serve->add_option("--live-heartbeat", serve_options.live_heartbeat,
                    "seconds between the heartbeats sent on readers' live streams (/live), which keep "
                    "proxies from closing an idle stream and let a browser notice a dead one")
      ->capture_default_str()->check(CLI::Range(1, 300));
  serve->add_option("--max-connections-per-address", serve_options.max_connections_per_address,
                    "open connections allowed from one client address (IPv6: one /64); more are "
                    "answered 503. 0: no limit. Behind a reverse proxy or CDN every connection "
                    "comes from the proxy: raise this or set it to 0 there")
      ->capture_default_str()->check(CLI::Range(0, 1000000));

  std::string key, value;
  std::string keys_help = "Show or change site settings. Without KEY lists all; with KEY "
                          "prints its value; with KEY VALUE validates and saves it. Keys:";
  for (const auto& spec : qalam::SettingSpecs()) keys_help += "\n  " + spec.key + ": " + spec.description;
  CLI::App* settings = app.add_subcommand("settings", keys_help);
  add_data(settings);
  settings->add_option("KEY", key, "the setting's name");
  CLI::Option* value_opt = settings->add_option("VALUE", value, "its new value");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  using namespace qalam::cli;
  if (*init) return Init(data_dir);
  if (*import) return Import(data_dir, import_file, strict, wordpress);
  if (*exportc) return Export(data_dir, export_format, export_comments, export_file);
  if (*backup) return Backup(data_dir, backup_file);
  if (*restore) return Restore(data_dir, restore_file, restore_force);
  if (*badd) return BreakingAdd(data_dir, text, badd_options);
  if (*blist) return BreakingList(data_dir, list_all);
  if (*bremove) return BreakingRemove(data_dir, remove_id);
  if (*uadd) return UserAdd(data_dir, user_role, user_email, user_name);
  if (*uunlock) return UserUnlock(data_dir, user_email);
  if (*reindex) return SearchReindex(data_dir);
  if (*mvariants) return MediaVariants(data_dir, variants_threads);
  if (*mscore) return ModerationScore(data_dir);
  if (*mtrain) return ModerationTrain(data_dir, train_files, train_force, train_threads, train_folds);
  if (*tlist) return ModerationTerms(data_dir, "list", "", "", "", 0);
  if (*tadd) return ModerationTerms(data_dir, "add", term_text, term_action, term_category, 0);
  if (*tremove) return ModerationTerms(data_dir, "remove", "", "", "", term_id);
  if (*tstarter) return ModerationTerms(data_dir, "starter", "", "", "", 0);
  if (*squery) return SearchQuery(data_dir, search_text, search_limit);
  if (*settings) return SettingsCommand(data_dir, key, value, value_opt->count() > 0);
  if (*serve) {
    serve_options.data_dir = data_dir;
    return Serve(serve_options);
  }
  return 2;
}
