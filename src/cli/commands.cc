#include "cli/commands.h"
#include "cli/server_address.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>

#include "arabic/dates.h"
#include "core/text.h"
#include "media/image.h"
#include "wordpress/wxr.h"
#include "render/pages.h"
#include "render/theme.h"
#include "services/accounts.h"
#include "services/article_text.h"
#include "services/importer.h"
#include "services/site_export.h"
#include "services/related.h"
#include "services/search.h"
#include "services/site_settings.h"
#include "services/site_services.h"
#include "services/site_setup.h"
#include "services/breaking_news.h"
#include "store/open_store.h"
#include "store/store.h"
#include "web/http_server.h"
#include "web/site_handler.h"

#include <sys/resource.h>

namespace qalam::cli {
namespace {

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

int Fail(const std::string& message) {
  std::cerr << "qalam: " << message << "\n";
  return 1;
}

// `s` for a message on a terminal: control characters as \t, \n or \xNN.
std::string EscapeForLog(const std::string& s) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c < 0x20 || c == 0x7f) out += std::string("\\x") + kHex[c >> 4] + kHex[c & 15];
    else out += static_cast<char>(c);
  }
  return out;
}

// Opens an existing site or explains why not. A site whose articles were
// saved before the store kept their search text gets it now.
std::unique_ptr<Store> OpenSite(const std::string& data_dir) {
  std::unique_ptr<Store> store;
  Status st = OpenStore(data_dir, StoreOptions{}, &store);
  if (!st.ok()) {
    Fail(st.message());
    return nullptr;
  }
  bool rebuilt = false;
  st = CompleteSearchIndex(*store, &rebuilt);
  if (!st.ok()) {
    Fail("cannot complete the search index: " + st.message());
    return nullptr;
  }
  if (rebuilt) std::cerr << "qalam: search index rebuilt for articles saved by an older version\n";
  return store;
}

}  // namespace

int Init(const std::string& data_dir) {
  std::string report;
  Status st = CreateSite(data_dir, &report);
  if (!st.ok()) return Fail(st.message());
  std::cout << report << "\nstart it with: qalam serve --data " << data_dir << "\n";
  return 0;
}

int Import(const std::string& data_dir, const std::string& file, bool strict,
           const WordPressImportCliOptions& wordpress) {
  std::ifstream in_file;
  std::istream* in = &std::cin;
  bool wxr = false;
  if (file != "-") {
    in_file.open(file, std::ios::binary);
    if (!in_file) return Fail("cannot open " + file + ": " + std::strerror(errno));
    std::string head(4096, '\0');
    in_file.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in_file.gcount()));
    in_file.clear();
    in_file.seekg(0);
    wxr = wp::LooksLikeXml(head);
    in = &in_file;
  } else if (std::cin.peek() == '<') {
    return Fail("a WordPress export is read twice: give its file name, not standard input");
  }
  if (wxr) {
    in_file.close();
    auto store = OpenSite(data_dir);  // Completes an old site's search index first.
    if (!store) return 1;
    store.reset();
    return ImportWordPressExport(data_dir, file, wordpress);
  }
  if (!wordpress.users_file.empty() || wordpress.fetch_media || wordpress.dry_run) {
    return Fail("--users, --fetch-media and --dry-run are for WordPress exports; " + file + " is JSON lines");
  }
  if (!wordpress.media_dir.empty() && !std::filesystem::is_directory(wordpress.media_dir)) {
    return Fail("--media-dir " + wordpress.media_dir + " is not a directory");
  }
  auto store = OpenSite(data_dir);
  if (!store) return 1;
  auto started = std::chrono::steady_clock::now();
  ImportSummary summary;
  // A whole-site export's media lines name files of the old site's
  // DIR/media (--media-dir), copied into this site's as they are.
  ArticleImportOptions options;
  options.media_dir = wordpress.media_dir;
  options.site_media_dir = (std::filesystem::path(data_dir) / "media").string();
  options.now = Now();
  Status st = ImportArticles(*store, *in, options, &summary);
  for (const ImportError& e : summary.errors) {
    std::cerr << file << ":" << e.line << ": skipped: " << e.reason << "\n";
  }
  for (const ImportError& e : summary.warnings) {
    std::cerr << file << ":" << e.line << ": warning: " << e.reason << "\n";
  }
  if (!st.ok()) return Fail("import stopped: " + st.message());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "imported " << file << ": " << summary.lines << " lines, " << summary.created
            << " created, " << summary.updated << " updated, " << summary.unchanged
            << " unchanged, " << summary.errors.size() << " skipped (" << std::fixed
            << std::setprecision(1) << seconds << " s)\n";
  if (summary.settings_changed || summary.media_created || summary.media_unchanged ||
      summary.comments_created || summary.comments_updated || summary.comments_unchanged ||
      summary.layouts_changed) {
    std::cout << "  settings " << summary.settings_changed << " changed; media " << summary.media_created
              << " created, " << summary.media_unchanged << " unchanged; comments "
              << summary.comments_created << " created, " << summary.comments_updated << " updated, "
              << summary.comments_unchanged << " unchanged; front page and menus " << summary.layouts_changed
              << " changed\n";
  }
  return strict && !summary.errors.empty() ? 3 : 0;
}

int Export(const std::string& data_dir, const std::string& format, bool comments,
           const std::string& file) {
  if (format != "jsonl" && format != "wxr") {
    std::cerr << "qalam: --format must be jsonl or wxr (got \"" << format << "\")\n";
    return 2;
  }
  auto store = OpenSite(data_dir);
  if (!store) return 1;
  // The export names every variant file: imported images still waiting for
  // theirs get them first.
  if (Status st = MakeWaitingMedia(*store, data_dir, 0, false); !st.ok()) {
    return Fail("cannot make the waiting images' sizes: " + st.message());
  }
  // Written to a temporary file renamed into place at the end: a failed
  // export never leaves half a file under the name asked for.
  const std::string tmp = file == "-" ? "" : file + ".tmp";
  std::ofstream out_file;
  if (!tmp.empty()) {
    out_file.open(tmp, std::ios::binary | std::ios::trunc);
    if (!out_file) return Fail("cannot write " + tmp + ": " + std::strerror(errno));
  }
  std::ostream& out = tmp.empty() ? std::cout : out_file;
  auto started = std::chrono::steady_clock::now();
  SiteExportOptions options;
  options.comments = comments;
  SiteExportSummary summary;
  Status st = format == "wxr" ? ExportWxr(*store, out, options, &summary)
                              : ExportJsonLines(*store, out, options, &summary);
  if (!tmp.empty()) {
    out_file.close();
    if (st.ok() && !out_file) st = Status::Io("cannot write " + tmp);
    std::error_code ec;
    if (st.ok()) {
      std::filesystem::rename(tmp, file, ec);
      if (ec) st = Status::Io("cannot write " + file + ": " + ec.message());
    }
    if (!st.ok()) std::filesystem::remove(tmp, ec);
  }
  if (!st.ok()) return Fail("export failed: " + st.message());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cerr << "exported " << (file == "-" ? "to standard output" : file) << " (" << format << "): "
            << summary.articles << " articles, " << summary.pages << " pages, " << summary.media
            << " media, " << (comments ? std::to_string(summary.comments) : std::string("no"))
            << " comments, " << summary.layouts << " front page and menu lines (" << std::fixed << std::setprecision(1) << seconds << " s)"
            << (comments ? "; the file holds commenters' emails: personal data" : "") << "\n";
  return 0;
}

int BreakingAdd(const std::string& data_dir, const std::string& text, const BreakingAddOptions& options) {
  auto store = OpenSite(data_dir);
  if (!store) return 1;
  BreakingItem item;
  item.text = Trim(ToNfc(text));
  if (item.text.empty()) return Fail("the breaking item's text is empty");
  if (!IsValidUtf8(item.text)) return Fail("the breaking item's text is not valid UTF-8");
  if (CountCodePoints(item.text) > kBreakingMaxChars) {
    return Fail("the breaking item's text is over " + std::to_string(kBreakingMaxChars) + " characters");
  }
  item.link = Trim(options.link);
  // The desk's own rule (control characters, //host, backslashes refused).
  if (!item.link.empty() && !BreakingNews::LinkAcceptable(item.link)) {
    return Fail("--link must be an http:// or https:// address or a path on this site, without spaces, "
                "control characters or backslashes (got \"" + EscapeForLog(item.link) + "\")");
  }
  item.urgent = options.urgent;
  const std::string article = Trim(options.article);
  if (!article.empty()) {
    if (!item.link.empty()) return Fail("give --link or --article, not both");
    if (!ParsePositive(article, &item.article_id)) {
      return Fail("--article must be an article's id, a positive whole number (got \"" + EscapeForLog(article) + "\")");
    }
    Article a;
    Status st = store->GetArticleById(item.article_id, &a);
    if (st.IsNotFound()) return Fail("--article: no article with id " + article);
    if (!st.ok()) return Fail(st.message());
    if (a.workflow == Workflow::kTrashed) return Fail("--article: article " + article + " is in the trash");
    if (a.status != ArticleStatus::kPublished) {
      return Fail("--article: article " + article + " is not published (readers could not open it)");
    }
  }
  Settings settings;
  Status st = store->LoadSettings(&settings);
  if (!st.ok()) return Fail(st.message());
  const int64_t now = Now();
  if (!options.starts.empty()) {
    st = ParseIsoDateTime(options.starts, settings.timezone(), &item.starts_at);
    if (!st.ok()) return Fail("--starts: " + st.message());
    if (item.starts_at <= now) item.starts_at = 0;  // A start already past means now.
  }
  if (!options.until.empty()) {
    st = ParseIsoDateTime(options.until, settings.timezone(), &item.until);
    if (!st.ok()) return Fail("--until: " + st.message());
    if (item.until <= now) return Fail("--until is in the past: " + options.until);
    if (item.starts_at && item.until <= item.starts_at) {
      return Fail("--until (" + options.until + ") is not after --starts (" + options.starts + ")");
    }
  }
  // Through the desk's service, so that the command line's change is audited
  // like the desk's (by nobody: user 0).
  st = BreakingNews(*store).Add(&item, 0, now);
  if (!st.ok()) return Fail(st.message());
  std::cout << item.id << "\n";
  return 0;
}

int BreakingList(const std::string& data_dir, bool all) {
  auto store = OpenSite(data_dir);
  if (!store) return 1;
  Settings settings;
  Status st = store->LoadSettings(&settings);
  std::vector<BreakingItem> items;
  const int64_t now = Now();
  if (st.ok()) st = store->ListBreaking(all ? 0 : now, &items);
  if (!st.ok()) return Fail(st.message());
  // id, expiry, text, link, start, urgency, article; "-" for none.
  for (const BreakingItem& b : items) {
    std::cout << b.id << "\t"
              << (b.until ? FormatIsoDateTime(b.until, settings.timezone()) : std::string("-"))
              << (b.until && b.until <= now ? " (expired)" : "") << "\t" << b.text << "\t"
              << (b.link.empty() ? "-" : b.link) << "\t"
              << (b.starts_at ? FormatIsoDateTime(b.starts_at, settings.timezone()) : std::string("-"))
              << (b.starts_at > now ? " (scheduled)" : "") << "\t" << (b.urgent ? "urgent" : "-") << "\t"
              << (b.article_id ? "article:" + std::to_string(b.article_id) : std::string("-")) << "\n";
  }
  return 0;
}

int BreakingRemove(const std::string& data_dir, long long id) {
  auto store = OpenSite(data_dir);
  if (!store) return 1;
  BreakingNews breaking(*store);
  std::vector<BreakingItem> items;
  Status st = breaking.List(&items);
  if (!st.ok()) return Fail(st.message());
  auto it = std::find_if(items.begin(), items.end(), [&](const BreakingItem& b) { return b.id == id; });
  if (it == items.end()) return Fail("no breaking item with id " + std::to_string(id));
  st = breaking.Remove(*it, 0, Now());
  if (!st.ok()) return Fail(st.message());
  std::cout << "removed breaking item " << id << "\n";
  return 0;
}

int SettingsCommand(const std::string& data_dir, const std::string& key, const std::string& value,
             bool set) {
  auto store = OpenSite(data_dir);
  if (!store) return 1;
  qalam::Settings settings;
  Status st = store->LoadSettings(&settings);
  if (!st.ok()) return Fail(st.message());
  if (key.empty()) {
    for (const SettingSpec& spec : SettingSpecs()) {
      std::cout << spec.key << "\t" << settings.Get(spec.key) << "\n";
    }
    return 0;
  }
  std::string canonical;
  if (!set) {
    if (!FindSettingSpec(key)) return Fail(ValidateSetting(key, "", &canonical).message());
    std::cout << settings.Get(key) << "\n";
    return 0;
  }
  st = ValidateSetting(key, value, &canonical);
  if (!st.ok()) return Fail(st.message());
  // Through the desk's settings service: audited like the desk's changes
  // (by nobody: user 0), and the search index rebuilt when how ة is
  // searched changes.
  std::map<std::string, std::string> changed;
  if (settings.Get(key) != canonical) changed[key] = canonical;
  bool index_failed = false;
  size_t reindexed = 0;
  st = SiteSettings(*store).Save(settings, changed, 0, Now(), &index_failed, &reindexed);
  if (!st.ok() && !index_failed) return Fail(st.message());
  std::cout << key << "\t" << canonical << "\n";
  if (index_failed) {
    return Fail("the setting is saved but reindexing failed: " + st.message() +
                " (run: qalam search reindex --data " + data_dir + ")");
  }
  if (key == "search_teh_marbuta" && !changed.empty()) {
    std::cout << "search index rebuilt: " << reindexed << " articles\n";
  }
  return 0;
}

int UserAdd(const std::string& data_dir, const std::string& role_name, const std::string& email,
            const std::string& name) {
  auto store = OpenSite(data_dir);
  if (!store) return 1;
  Role role;
  if (!ParseRole(role_name, &role)) {
    return Fail("--role must be one of: admin, chief_editor, editor, writer, moderator (got \"" +
                role_name + "\")");
  }
  qalam::Settings settings;
  Status st = store->LoadSettings(&settings);
  std::string link;
  if (st.ok()) st = AddUser(*store, email, name, role, settings.LinkOrigin(ServerAddress(data_dir)), Now(), 0, &link);
  if (!st.ok()) return Fail(st.message());
  // The link is the only way to the account's password: print it, log it nowhere.
  std::cout << "created " << ToString(role) << " account for " << AsciiLower(Trim(email))
            << "\nthe password is set with this one-time link (valid 72 hours):\n" << link << "\n";
  return 0;
}

int UserUnlock(const std::string& data_dir, const std::string& email) {
  auto store = OpenSite(data_dir);
  if (!store) return 1;
  int64_t cleared = 0;
  Status st = UnlockSignIn(*store, email, 0, Now(), &cleared);
  if (!st.ok()) return Fail(st.message());
  std::cout << "sign-in unlocked for " << AsciiLower(Trim(email)) << " (" << cleared
            << (cleared == 1 ? " address was" : " addresses were") << " locked out)\n";
  return 0;
}

int SearchReindex(const std::string& data_dir) {
  auto store = OpenSite(data_dir);
  if (!store) return 1;
  qalam::Settings settings;
  Status st = store->LoadSettings(&settings);
  if (!st.ok()) return Fail(st.message());
  auto started = std::chrono::steady_clock::now();
  size_t count = 0;
  st = RebuildSearchIndex(*store, SearchAnalyzer(settings), &count);
  if (st.ok()) st = RefreshAutoRelated(*store);
  if (!st.ok()) return Fail(st.message());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "search index rebuilt: " << count << " articles (" << std::fixed
            << std::setprecision(1) << seconds << " s)\n";
  return 0;
}

int SearchQuery(const std::string& data_dir, const std::string& query, int limit) {
  auto store = OpenSite(data_dir);
  if (!store) return 1;
  qalam::Settings settings;
  Status st = store->LoadSettings(&settings);
  if (!st.ok()) return Fail(st.message());
  SearchOptions options;
  options.query = query;
  options.limit = limit;
  SearchResult result;
  st = RunSearch(*store, settings, options, Now(), &result);
  if (!st.ok()) return Fail(st.message());
  std::cout << result.total << " results" << (result.matched_all ? "" : " (any of the words)");
  if (!result.suggestion.empty()) std::cout << "; did you mean: " << result.suggestion;
  std::cout << "\n";
  for (const SearchHit& h : result.hits) {
    std::cout << std::fixed << std::setprecision(3) << h.score << "\t"
              << (h.external_id.empty() ? std::to_string(h.id) : h.external_id) << "\t" << h.title
              << "\n";
  }
  return 0;
}

namespace {

// Every connection, a reader's open /live stream included, holds a file
// descriptor: the soft limit (1024 in a stock Debian shell) is raised as
// far as the hard one allows, and the operator is told when
// --max-connections cannot fit under it.
void RaiseOpenFileLimit(size_t max_connections) {
  struct rlimit limit {};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  const rlim_t wanted = static_cast<rlim_t>(max_connections) + 256;  // The store, logs, media files.
  if (limit.rlim_cur < wanted && limit.rlim_cur < limit.rlim_max) {
    struct rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted) {
    std::cerr << "qalam: warning: at most " << limit.rlim_cur << " open files are allowed (ulimit -n), "
              << "fewer than --max-connections " << max_connections
              << " needs; raise the hard limit (LimitNOFILE= in a systemd unit)" << std::endl;
  }
}

}  // namespace

int Serve(const ServeOptions& options) {
  auto store = OpenSite(options.data_dir);
  if (!store) return 1;
  std::unique_ptr<Theme> theme;
  Status st = Theme::Load(options.theme_dir, &theme);
  if (!st.ok()) return Fail(st.message());
  qalam::Settings settings;
  st = store->LoadSettings(&settings);
  if (!st.ok()) return Fail(st.message());

  HttpServerOptions http;
  size_t colon = options.listen.rfind(':');
  if (colon == std::string::npos) return Fail("--listen must be HOST:PORT (got " + options.listen + ")");
  http.host = options.listen.substr(0, colon);
  if (http.host.size() > 2 && http.host.front() == '[') http.host = http.host.substr(1, http.host.size() - 2);
  try {
    int port = std::stoi(options.listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::out_of_range("port");
    http.port = static_cast<uint16_t>(port);
  } catch (const std::exception&) {
    return Fail("--listen must be HOST:PORT with a port from 0 to 65535 (got " + options.listen + ")");
  }
  http.threads = options.threads;
  http.io_threads = options.io_threads;
  http.idle_timeout = std::chrono::seconds(options.idle_timeout);
  http.header_timeout = std::chrono::seconds(options.header_timeout);
  http.body_timeout = std::chrono::seconds(options.body_timeout);
  http.max_connections = static_cast<size_t>(options.max_connections);
  http.max_connections_per_address = static_cast<size_t>(options.max_connections_per_address);
  RaiseOpenFileLimit(http.max_connections);
  http.access_log = options.access_log;

  SiteHandler::Clock clock = Now;
  if (!options.clock_file.empty()) {
    clock = [file = options.clock_file]() -> int64_t {
      std::ifstream in(file);
      long long t = 0;
      if (in >> t && t > 0) return t;
      return Now();
    };
    std::cerr << "qalam: the clock is read from " << options.clock_file << " (tests only)" << std::endl;
  }
  const std::string media_dir = (std::filesystem::path(options.data_dir) / "media").string();
  st = InitImageLibrary("qalam");
  if (!st.ok()) return Fail(st.message());
  SiteServices services(*store, media_dir, ModelPath(options.data_dir));
  PageRenderer renderer(*store, *theme);
  SiteHandler site(services, renderer, *theme, static_cast<size_t>(settings.GetInt("page_cache_mb")) << 20, clock);
  site.live().set_heartbeat(std::chrono::seconds(options.live_heartbeat));
  http.https = [&site] { return site.Https(); };
  HttpServer server(http, [&site](const HttpRequest& r) { return site.Handle(r); });
  server.SetTick(std::chrono::milliseconds(250), [&site] { site.PollChanges(); });
  std::string bound;
  st = server.Listen(&bound);
  if (!st.ok()) return Fail(st.message());
  // Scripts and tests read this line to learn the port.
  std::cerr << "qalam: serving " << settings.site_name() << " from " << options.data_dir
            << " at http://" << bound << "/" << std::endl;
  const std::string origin = "http://" + LocalAddress(bound);
  WriteServerAddress(options.data_dir, origin);
  std::string setup_link;
  if (FirstAdminLink(*store, settings.LinkOrigin(origin), Now(), &setup_link).ok() && !setup_link.empty()) {
    std::cerr << "qalam: this site has no account yet; create the first admin at:\n  " << setup_link
              << std::endl;
  }

  server.Run();
  RemoveServerAddress(options.data_dir, origin);
  std::cerr << "qalam: stopped" << std::endl;
  return 0;
}

}  // namespace qalam::cli
