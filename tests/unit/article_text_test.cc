// What is made from an article above the store (services/article_text.h):
// slugs, the search text and the terms, filled in by the services that save
// articles (the importer, the desk) and stored, so that scheduled publishing
// and the index rebuild compute nothing in the store.
#include "services/article_text.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <map>
#include <memory>
#include <sstream>

#include "arabic/term_weights.h"
#include "core/roles.h"
#include "services/importer.h"
#include "services/newsroom.h"
#include "store/open_store.h"
#include "store/sqlite_fts.h"

namespace qalam {
namespace {

namespace fs = std::filesystem;

arabic::AnalyzerOptions Keep() {
  arabic::AnalyzerOptions keep;
  keep.fold_teh_marbuta = false;
  return keep;
}

TEST(PrepareArticle, SlugsComeFromTheSlugOrTitleAndTheNames) {
  Article a;
  a.title = "تداعيات أزمة كازاخستان";
  a.writer = Person{0, "محمد السعيد", "", ""};
  a.editor = Person{0, "؟!", "", ""};
  a.source = Source{0, "الخليج", "", ""};
  a.section = Section{0, "آراء", "", ""};
  a.tags = {Tag{0, "روسيا", "", ""}, Tag{0, "***", "", ""}};
  PrepareArticle(&a);
  EXPECT_EQ(a.slug, "تداعيات-أزمة-كازاخستان");
  EXPECT_EQ(a.writer->slug, "محمد-السعيد");
  EXPECT_EQ(a.editor->slug, "editor") << "a name without letters or digits";
  EXPECT_EQ(a.source->slug, "الخليج");
  EXPECT_EQ(a.section->slug, "آراء");
  EXPECT_EQ(a.tags[0].slug, "روسيا");
  EXPECT_EQ(a.tags[1].slug, "tag");

  Article typed;
  typed.title = "عنوان طويل";
  typed.slug = "Short Name";
  PrepareArticle(&typed);
  EXPECT_EQ(typed.slug, "short-name") << "a typed slug is made a slug";
  Article stored;
  stored.title = "عنوان آخر";
  stored.slug = "عنوان-2";
  PrepareArticle(&stored);
  EXPECT_EQ(stored.slug, "عنوان-2") << "a stored slug is its own base";
  Article empty;
  empty.title = "؟";
  PrepareArticle(&empty);
  EXPECT_EQ(empty.slug, "article");

  EXPECT_EQ(NameSlug(NamedKind::kTag, "الطاقة المتجددة"), "الطاقة-المتجددة");
  EXPECT_EQ(NameSlug(NamedKind::kPerson, "..."), "person");
}

TEST(PrepareArticle, SearchTextIsWhatAReaderSeesAndTermsFollowTheAnalyzer) {
  Article a;
  a.title = "المدرسة الجديدة";
  a.highlights = {"افتتاح المدرسة"};
  a.body_markdown = "افتتحت **المدرسة** [اليوم](https://example.com/hidden-target).";
  PrepareArticle(&a);
  EXPECT_EQ(a.search_text, "افتتحت المدرسة اليوم.\n");
  EXPECT_EQ(a.search_text.find("hidden"), std::string::npos) << "a link's address is not content";
  EXPECT_EQ(a.terms, arabic::TopTerms(a.title, a.highlights, a.search_text, kTermsPerArticle));
  ASSERT_FALSE(a.terms.empty());

  Article kept = a;
  PrepareArticle(&kept, Keep());
  EXPECT_EQ(kept.terms, arabic::TopTerms(a.title, a.highlights, a.search_text, kTermsPerArticle, Keep()));

  Settings settings;
  EXPECT_TRUE(SearchAnalyzer(settings).fold_teh_marbuta) << "fold by default";
  settings = Settings(std::map<std::string, std::string>{{"search_teh_marbuta", "keep"}});
  EXPECT_FALSE(SearchAnalyzer(settings).fold_teh_marbuta);
}

class ArticleTextStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "qalam-article-text-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    ASSERT_TRUE(OpenStore(dir_ + "/site", StoreOptions{.create = true}, &store_).ok());
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  // How many published articles the index finds for one analyzed word.
  int64_t Found(const std::string& word) {
    IndexQuery q;
    q.clauses.push_back(IndexClause{{{IndexToken{word}}}});
    std::vector<IndexMatch> matches;
    EXPECT_TRUE(store_->MatchIndex(q, &matches, nullptr).ok());
    return static_cast<int64_t>(matches.size());
  }
  std::vector<std::pair<std::string, int>> Terms(Id id) {
    ArticleTermLists all;
    EXPECT_TRUE(store_->LoadArticleTerms(&all).ok());
    std::vector<std::pair<std::string, int>> out;
    for (const auto& [article, list] : all.lists) {
      if (article != id) continue;
      for (const auto& [term, weight] : list) out.emplace_back(all.terms.at(term), weight);
    }
    return out;
  }
  Id Import(const std::string& line) {
    std::istringstream in(line + "\n");
    ImportSummary summary;
    EXPECT_TRUE(ImportArticles(*store_, in, &summary).ok());
    EXPECT_TRUE(summary.errors.empty());
    Article a;
    EXPECT_TRUE(store_->GetArticleBySlug("zebra-news", &a).ok());
    return a.id;
  }
  // Runs SQL on the SQLite site's database behind the store's back.
  void Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ + "/site/qalam.db").c_str(), &db), SQLITE_OK);
    ASSERT_TRUE(sqlite::RegisterQalamTokenizer(db));
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }

  std::string dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(ArticleTextStoreTest, TheStoreTakesNoArticleWithoutItsSlugs) {
  std::vector<Article> v(1);
  v[0].title = "بلا عنوان مصنوع";
  v[0].body_markdown = "نص";
  std::vector<SaveResult> results;
  std::set<std::string> changes;
  EXPECT_TRUE(store_->SaveArticles(&v, &results, &changes).IsInvalid());
  v[0].slug = "بلا-عنوان";
  v[0].tags = {Tag{0, "وسم", "", ""}};
  EXPECT_TRUE(store_->SaveArticles(&v, &results, &changes).IsInvalid()) << "a tag without its slug";
  EXPECT_TRUE(changes.empty());
  int64_t published = -1, drafts = -1;
  ASSERT_TRUE(store_->CountArticles(&published, &drafts).ok());
  EXPECT_EQ(published + drafts, 0) << "nothing written";
}

TEST_F(ArticleTextStoreTest, TheImporterGivesTheStoreTheTextAReaderSees) {
  Id id = Import(R"({"id": "z1", "title": "Zebra news", "body": "A **quokka** met [them](https://example.com/secretpath)."})");
  EXPECT_EQ(Found("quokka"), 1);
  EXPECT_EQ(Found("secretpath"), 0) << "a link's address is not indexed";
  bool listed = false;
  for (const auto& [term, weight] : Terms(id)) listed |= term == "zebra" && weight == 3;
  EXPECT_TRUE(listed) << "title words weigh 3";
}

TEST_F(ArticleTextStoreTest, ScheduledPublishingIndexesTheTextTheDeskStored) {
  User chief;
  chief.email = "chief@example.com";
  chief.name = "chief";
  chief.role = Role::kChiefEditor;
  ASSERT_TRUE(store_->CreateUser(&chief).ok());
  Article a;
  ArticleForm form;
  form.title = "مقال الموعد";
  form.body = "يظهر فيه حيوان **quokka** عند النشر.";
  ASSERT_TRUE(ApplyForm(form, &a).ok());
  std::set<std::string> changes;
  ASSERT_TRUE(RunDeskAction(*store_, chief, DeskCommand{}, 1'800'000'000, &a, &changes).ok());
  DeskCommand schedule{DeskAction::kSchedule, a.version, 1'800'000'600};
  ASSERT_TRUE(RunDeskAction(*store_, chief, schedule, 1'800'000'000, &a, &changes).ok());
  EXPECT_EQ(Found("quokka"), 0) << "not published yet";
  EXPECT_TRUE(Terms(a.id).empty()) << "lists hold published articles' terms";

  std::vector<Id> published;
  ASSERT_TRUE(store_->PublishDue(1'800'000'600, &published, &changes).ok());
  ASSERT_EQ(published, std::vector<Id>{a.id});
  EXPECT_EQ(Found("quokka"), 1) << "indexed from the search text its desk save stored";
  EXPECT_FALSE(Terms(a.id).empty()) << "with the terms its desk save stored";
}

TEST_F(ArticleTextStoreTest, ARebuildKeepsWhatASaveStoredSinceItsTextWasRead) {
  Import(R"({"id": "z1", "title": "Zebra news", "body": "quokka"})");
  std::vector<IndexSource> sources;
  ASSERT_TRUE(store_->LoadIndexSources(&sources).ok());
  ASSERT_EQ(sources.size(), 1u);
  EXPECT_EQ(sources[0].body_markdown, "quokka");
  std::vector<IndexText> texts{IndexTextOf(sources[0], {})};

  // Saved again before the rebuild gets the text read above.
  Import(R"({"id": "z1", "title": "Zebra news", "body": "wombat"})");
  size_t count = 0;
  ASSERT_TRUE(store_->RebuildSearchIndex({}, texts, &count).ok());
  EXPECT_EQ(count, 1u);
  EXPECT_EQ(Found("wombat"), 1);
  EXPECT_EQ(Found("quokka"), 0) << "the older text is not put back";

  arabic::AnalyzerOptions snowball;
  snowball.stemmer = arabic::AnalyzerOptions::Stemmer::kSnowball;
  EXPECT_TRUE(store_->RebuildSearchIndex(snowball, {}, &count).IsInvalid())
      << "the index analyzes words as its tokenizer can";
}

TEST_F(ArticleTextStoreTest, ASiteSavedBeforeTheStoreKeptTheTextIsCompletedOnce) {
  Id id = Import(R"({"id": "z1", "title": "Zebra news", "body": "A **quokka**."})");
  bool rebuilt = true;
  ASSERT_TRUE(CompleteSearchIndex(*store_, &rebuilt).ok());
  EXPECT_FALSE(rebuilt) << "nothing missing on a site saved by this version";

  // As before migration 8: no stored text, the index and terms of old.
  Sql("UPDATE articles SET search_text = NULL; DELETE FROM article_terms; DELETE FROM article_search;");
  bool missing = false;
  ASSERT_TRUE(store_->MissingSearchText(&missing).ok());
  EXPECT_TRUE(missing);
  EXPECT_EQ(Found("quokka"), 0);
  ASSERT_TRUE(CompleteSearchIndex(*store_, &rebuilt).ok());
  EXPECT_TRUE(rebuilt);
  EXPECT_EQ(Found("quokka"), 1);
  EXPECT_FALSE(Terms(id).empty());
  ASSERT_TRUE(store_->MissingSearchText(&missing).ok());
  EXPECT_FALSE(missing);
  ASSERT_TRUE(CompleteSearchIndex(*store_, &rebuilt).ok());
  EXPECT_FALSE(rebuilt) << "once";
}

}  // namespace
}  // namespace qalam
