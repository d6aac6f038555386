// `qalam export`, as an operator uses it: the Arabic WordPress fixture
// imported with its uploads, a desk-made article, static pages, pinned
// articles and comments, the front page arranged and both menus built on
// the desk; exported as JSON lines with comments and imported
// into a new site with the old site's media, after which every reader's
// page of both sites is the same bytes; and exported as WXR and imported
// into another new site with Qalam's own WordPress import.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <set>

#include "content/markdown.h"
#include "core/text.h"
#include "server_process.h"
#include "services/home_layout.h"
#include "services/site_identity.h"
#include "store/open_store.h"

namespace qalam::testing {
namespace {

std::string Fixture(const std::string& name) {
  return std::string(QALAM_SOURCE_DIR) + "/tests/fixtures/wordpress/" + name;
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::unique_ptr<Store> Open(const std::string& data) {
  std::unique_ptr<Store> store;
  Status st = OpenStore(data, StoreOptions{}, &store);
  EXPECT_TRUE(st.ok()) << st.message();
  return store;
}

// Every reader's address of a site: home, latest, each published article
// and page, and the pages of its sections, tags, writers and sources.
std::vector<std::string> ReaderAddresses(Store& store) {
  std::vector<std::string> out = {"/", "/latest", "/latest?page=2"};
  std::vector<Id> ids;
  EXPECT_TRUE(store.ListAllArticleIds(&ids).ok());
  for (Id id : ids) {
    Article a;
    EXPECT_TRUE(store.GetArticleById(id, &a).ok());
    if (a.status != ArticleStatus::kPublished) continue;
    out.push_back((a.kind == ArticleKind::kPage ? "/page/" : "/article/") + Encode(a.slug));
  }
  const std::pair<NamedKind, const char*> kinds[] = {{NamedKind::kSection, "/section/"},
                                                     {NamedKind::kTag, "/tag/"},
                                                     {NamedKind::kPerson, "/writer/"},
                                                     {NamedKind::kSource, "/source/"}};
  for (const auto& [kind, prefix] : kinds) {
    std::vector<NamedItem> items;
    EXPECT_TRUE(store.ListNamed(kind, "", 1000, &items).ok());
    for (const NamedItem& n : items) out.push_back(prefix + Encode(n.slug));
  }
  return out;
}

// The first line where two pages differ, with its neighbours, for a failure.
std::string FirstDifference(const std::string& a, const std::string& b) {
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  size_t from = i > 200 ? i - 200 : 0;
  return "at byte " + std::to_string(i) + ":\n--- old\n" + a.substr(from, 400) + "\n--- new\n" + b.substr(from, 400);
}

class SiteExportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    old_ = dir_->path() + "/old";
    ASSERT_EQ(RunQalam({"init", "--data", old_}).exit_code, 0);
    CommandResult wp = RunQalam({"import", "--data", old_, Fixture("arabic-site.xml"), "--media-dir",
                                 Fixture("uploads")});
    ASSERT_EQ(wp.exit_code, 0) << wp.err << wp.out;
    // An article made without an interchange id, as the desk makes them.
    const std::string desk = dir_->path() + "/desk.jsonl";
    WriteFile(desk, R"J({"title": "مقال من المكتب", "body": "نص كتب في **المكتب**.", "section": "محليات", "published_at": "2024-05-01T09:00:00+03:00"})J" "\n");
    CommandResult d = RunQalam({"import", "--data", old_, desk});
    ASSERT_EQ(d.exit_code, 0) << d.err << d.out;
    ArrangeFrontPageAndMenus();
  }

  // The front page's lead, featured row, section blocks in an order of the
  // desk's and opinion section; a header menu of a section, a page and a
  // link, and a footer menu of a page and a link, with their own labels.
  static void ArrangeFrontPageAndMenus() {
    auto store = Open(old_);
    std::vector<Id> ids, articles, pages;
    ASSERT_TRUE(store->ListAllArticleIds(&ids).ok());
    for (Id id : ids) {
      Article a;
      ASSERT_TRUE(store->GetArticleById(id, &a).ok());
      if (a.status != ArticleStatus::kPublished) continue;
      (a.kind == ArticleKind::kPage ? pages : articles).push_back(id);
    }
    std::vector<Section> sections;
    ASSERT_TRUE(store->ListSections(&sections).ok());
    ASSERT_GE(articles.size(), 4u);
    ASSERT_GE(sections.size(), 2u);
    ASSERT_GE(pages.size(), 1u);
    HomeLayout layout;
    layout.lead = articles[1];  // Not the latest: what the desk chose shows.
    layout.featured = {articles[3], articles[0]};
    layout.sections_chosen = true;
    layout.sections = {sections.back().id, sections.front().id};
    layout.opinion_section = sections.front().id;
    constexpr int64_t kSaved = 1'800'000'000;
    Status st = HomeLayoutService(*store).Save(layout, 0, kSaved);
    ASSERT_TRUE(st.ok()) << st.message();
    SiteIdentity identity(*store);
    st = identity.SaveMenu(MenuName::kHeader,
                           {{MenuItemKind::kSection, sections.back().id, "", "أخبارنا"},
                            {MenuItemKind::kPage, pages.front(), "", ""},
                            {MenuItemKind::kLink, 0, "https://t.me/qalam_news", "قناتنا على تيليغرام"}},
                           0, kSaved);
    ASSERT_TRUE(st.ok()) << st.message();
    st = identity.SaveMenu(MenuName::kFooter,
                           {{MenuItemKind::kPage, pages.front(), "", "عن الموقع"},
                            {MenuItemKind::kLink, 0, "/corrections", "التصحيحات"}},
                           0, kSaved);
    ASSERT_TRUE(st.ok()) << st.message();
  }
  static void TearDownTestSuite() { delete dir_; }

  static TempDir* dir_;
  static std::string old_;
};
TempDir* SiteExportTest::dir_ = nullptr;
std::string SiteExportTest::old_;

TEST_F(SiteExportTest, JsonLinesRoundTripGivesTheSamePages) {
  const std::string file = dir_->path() + "/site.jsonl";
  CommandResult e = RunQalam({"export", "--data", old_, "--comments", file});
  ASSERT_EQ(e.exit_code, 0) << e.err;
  EXPECT_NE(e.err.find("exported " + file + " (jsonl): "), std::string::npos) << e.err;
  EXPECT_NE(e.err.find("personal data"), std::string::npos) << e.err;
  const std::string lines = Read(file);
  EXPECT_EQ(lines.rfind("{\"settings\":", 0), 0u);
  EXPECT_NE(lines.find("{\"media\":"), std::string::npos);
  EXPECT_NE(lines.find("\"id\":\"qalam:"), std::string::npos);  // The desk-made article.
  EXPECT_NE(lines.find("\"comments\":[{"), std::string::npos);
  EXPECT_NE(lines.find("\n{\"home\":{\"lead\":\""), std::string::npos) << "the front page after the articles";
  EXPECT_NE(lines.find("\n{\"menu\":{\"name\":\"header\",\"items\":[{\"section\":\""), std::string::npos);
  EXPECT_NE(lines.find("{\"link\":\"https://t.me/qalam_news\",\"label\":\"قناتنا على تيليغرام\"}"),
            std::string::npos);
  EXPECT_NE(lines.find("\n{\"menu\":{\"name\":\"footer\",\"items\":[{\"page\":\""), std::string::npos);

  const std::string fresh = dir_->path() + "/fresh";
  ASSERT_EQ(RunQalam({"init", "--data", fresh}).exit_code, 0);
  CommandResult i = RunQalam({"import", "--data", fresh, file, "--media-dir", old_ + "/media"});
  ASSERT_EQ(i.exit_code, 0) << i.err << i.out;
  EXPECT_EQ(i.err.find("skipped"), std::string::npos) << i.err;
  EXPECT_EQ(i.err.find("warning"), std::string::npos) << i.err;

  // Running it again changes nothing.
  CommandResult again = RunQalam({"import", "--data", fresh, file, "--media-dir", old_ + "/media"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find(" 0 created, 0 updated, "), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("comments 0 created, 0 updated"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("front page and menus 0 changed"), std::string::npos) << again.out;
  EXPECT_NE(i.out.find("front page and menus 3 changed"), std::string::npos) << i.out;

  // The same media files, by name and bytes.
  for (const auto& f : std::filesystem::directory_iterator(old_ + "/media")) {
    if (!f.is_regular_file()) continue;  // .originals: imported images waiting for their sizes
    const std::string name = f.path().filename().string();
    EXPECT_EQ(Read(fresh + "/media/" + name), Read(f.path().string())) << name;
  }

  // And exporting the new site gives the same file.
  const std::string file2 = dir_->path() + "/site2.jsonl";
  ASSERT_EQ(RunQalam({"export", "--data", fresh, "--comments", file2}).exit_code, 0);
  EXPECT_EQ(Read(file2), lines);

  std::vector<std::string> addresses;
  {
    auto store = Open(old_);
    addresses = ReaderAddresses(*store);
    auto other = Open(fresh);
    EXPECT_EQ(ReaderAddresses(*other), addresses);
    // The same layout and menus, naming the same articles and sections
    // (numbers equal: the new site is new, see docs/ARTICLE-FORMAT.md).
    HomeLayout was, is;
    ASSERT_TRUE(store->GetHomeLayout(&was).ok());
    ASSERT_TRUE(other->GetHomeLayout(&is).ok());
    EXPECT_NE(was.lead, 0);
    EXPECT_EQ(is.lead, was.lead);
    EXPECT_EQ(is.featured, was.featured);
    EXPECT_TRUE(is.sections_chosen);
    EXPECT_EQ(is.sections, was.sections);
    EXPECT_EQ(is.opinion_section, was.opinion_section);
    for (MenuName name : {MenuName::kHeader, MenuName::kFooter}) {
      SiteMenu m1, m2;
      ASSERT_TRUE(store->GetMenu(name, &m1).ok());
      ASSERT_TRUE(other->GetMenu(name, &m2).ok());
      EXPECT_TRUE(m2.saved);
      ASSERT_EQ(m2.items.size(), m1.items.size());
      for (size_t k = 0; k < m1.items.size(); ++k) {
        EXPECT_EQ(m2.items[k].kind, m1.items[k].kind);
        EXPECT_EQ(m2.items[k].target, m1.items[k].target);
        EXPECT_EQ(m2.items[k].url, m1.items[k].url);
        EXPECT_EQ(m2.items[k].label, m1.items[k].label);
      }
    }
  }
  ASSERT_GT(addresses.size(), 20u);
  ServerProcess a(old_), b(fresh);
  // What may differ legitimately: nothing in the page itself. The pages
  // carry no generation date, and the assets' hashed names are equal since
  // both servers are the same binary.
  int compared = 0;
  for (const std::string& path : addresses) {
    HttpResult ra = Get(a.port(), path), rb = Get(b.port(), path);
    ASSERT_TRUE(ra.ok && rb.ok) << path;
    EXPECT_EQ(ra.status, rb.status) << path;
    EXPECT_EQ(ra.body == rb.body, true) << path << " " << FirstDifference(ra.body, rb.body);
    EXPECT_EQ(ra.header("etag"), rb.header("etag")) << path;
    ++compared;
  }
  EXPECT_EQ(compared, static_cast<int>(addresses.size()));
  // An image of the old site answers from the new one.
  auto store = Open(fresh);
  int64_t total = 0;
  std::vector<MediaItem> media;
  ASSERT_TRUE(store->ListMedia(0, 100, &media, &total).ok());
  ASSERT_FALSE(media.empty());
  EXPECT_EQ(Get(b.port(), "/media/" + media[0].variants[0].file).status, 200);
}

TEST_F(SiteExportTest, WxrExportImportsIntoANewSite) {
  const std::string file = dir_->path() + "/site.xml";
  CommandResult e = RunQalam({"export", "--data", old_, "--format", "wxr", "--comments", file});
  ASSERT_EQ(e.exit_code, 0) << e.err;
  EXPECT_NE(e.err.find("(wxr)"), std::string::npos) << e.err;
  const std::string xml = Read(file);
  EXPECT_NE(xml.find("<wp:wxr_version>1.2</wp:wxr_version>"), std::string::npos);
  EXPECT_NE(xml.find("<language>ar</language>"), std::string::npos);

  const std::string fresh = dir_->path() + "/from-wxr";
  ASSERT_EQ(RunQalam({"init", "--data", fresh}).exit_code, 0);
  CommandResult i = RunQalam({"import", "--data", fresh, file, "--media-dir", old_ + "/media"});
  ASSERT_EQ(i.exit_code, 0) << i.err << i.out;
  EXPECT_EQ(i.out.find("is not in the media folder"), std::string::npos) << i.out;

  auto old_store = Open(old_);
  auto new_store = Open(fresh);
  std::vector<Id> ids;
  ASSERT_TRUE(old_store->ListAllArticleIds(&ids).ok());
  int checked = 0;
  for (Id id : ids) {
    Article a;
    ASSERT_TRUE(old_store->GetArticleById(id, &a).ok());
    if (a.status != ArticleStatus::kPublished) continue;
    Article b;
    ASSERT_TRUE(new_store->GetArticleBySlug(a.slug, &b).ok()) << a.slug;
    EXPECT_EQ(b.title, a.title);
    EXPECT_EQ(b.kind, a.kind);
    EXPECT_EQ(b.published_at, a.published_at) << a.slug;
    EXPECT_EQ(b.pinned, a.pinned) << a.slug;
    // The body's words, whatever Markdown writes them.
    auto words = [](const std::string& md) {
      std::string text = MarkdownToText(md), out;
      for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t') {
          if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
          out += c;
        }
      }
      return Trim(out);
    };
    const std::string want = words(a.body_markdown);
    EXPECT_NE(words(b.body_markdown).find(want.substr(0, std::min<size_t>(want.size(), 60))), std::string::npos)
        << a.slug << "\n" << want << "\n" << words(b.body_markdown);
    EXPECT_EQ(b.image_id != 0, a.image_id != 0) << a.slug;
    EXPECT_EQ(b.body_markdown.find("/media/") != std::string::npos,
              a.body_markdown.find("/media/") != std::string::npos) << a.slug;
    int64_t ca = 0, cb = 0;
    ASSERT_TRUE(old_store->CountApprovedComments(a.id, &ca).ok());
    ASSERT_TRUE(new_store->CountApprovedComments(b.id, &cb).ok());
    EXPECT_EQ(cb, ca) << a.slug;
    ++checked;
  }
  EXPECT_GT(checked, 10);

  // No old address of the new site redirects to itself.
  ServerProcess server(fresh);
  for (Id id : ids) {
    Article a;
    ASSERT_TRUE(old_store->GetArticleById(id, &a).ok());
    if (a.status != ArticleStatus::kPublished) continue;
    const std::string own = (a.kind == ArticleKind::kPage ? "/page/" : "/article/") + Encode(a.slug);
    OldAddress found;
    EXPECT_TRUE(new_store->FindOldAddress(std::string(a.kind == ArticleKind::kPage ? "/page/" : "/article/") + a.slug,
                                          &found).IsNotFound())
        << a.slug;
    EXPECT_EQ(Get(server.port(), own).status, 200) << own;
  }
}

}  // namespace
}  // namespace qalam::testing
