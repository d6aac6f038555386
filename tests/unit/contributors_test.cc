// Several people on one article (co-writers, translators, contributors):
// the Arabic list glue of a byline, the rules that keep a byline sane, the
// store on every backend (saved in order, read back, listed on each
// person's page, counted, filtered, purged), the interchange format's
// fields, and the desk's form and revisions.
#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "arabic/lists.h"
#include "core/change_keys.h"
#include "services/article_text.h"
#include "services/importer.h"
#include "services/newsroom.h"
#include "services/site_export.h"
#include "store_backends.h"
#include "store_helpers.h"

namespace qalam {
namespace {

using testing_backends::BackendName;
using testing_backends::GetArticle;
using testing_backends::MakeArticle;
using testing_backends::SaveArticle;
using testing_backends::StoreBackends;
using testing_backends::StoreBackendTest;

Contributor Person_(ContributorRole role, const std::string& name) { return Contributor{role, Person{0, name, "", ""}}; }

TEST(ArabicLists, JoinedAsArabicJoinsThem) {
  EXPECT_EQ(JoinArabicList({}), "");
  EXPECT_EQ(JoinArabicList({"أحمد"}), "أحمد");
  EXPECT_EQ(JoinArabicList({"أحمد", "سلمى"}), "أحمد وسلمى");
  EXPECT_EQ(JoinArabicList({"أحمد", "سلمى", "علي"}), "أحمد وسلمى وعلي");
}

TEST(ArabicLists, GlueRebuildsTheJoinedText) {
  EXPECT_TRUE(ArabicListGlue(0).empty());
  for (size_t n = 1; n <= 5; ++n) {
    std::vector<std::string> names;
    for (size_t i = 0; i < n; ++i) names.push_back("اسم" + std::to_string(i));
    const std::vector<std::string> glue = ArabicListGlue(n);
    ASSERT_EQ(glue.size(), n + 1);
    std::string rebuilt = glue[0];
    for (size_t i = 0; i < n; ++i) rebuilt += names[i] + glue[i + 1];
    EXPECT_EQ(rebuilt, JoinArabicList(names)) << n;
  }
  EXPECT_EQ(ArabicListGlue(1), (std::vector<std::string>{"", ""}));
  EXPECT_EQ(ArabicListGlue(2), (std::vector<std::string>{"", " و", ""}));
}

TEST(ContributorRoles, NamesAndLabels) {
  for (ContributorRole r : {ContributorRole::kWriter, ContributorRole::kTranslator, ContributorRole::kContributor}) {
    ContributorRole back = ContributorRole::kWriter;
    ASSERT_TRUE(ParseContributorRole(ToString(r), &back));
    EXPECT_EQ(back, r);
  }
  ContributorRole r;
  EXPECT_FALSE(ParseContributorRole("illustrator", &r));
  EXPECT_STREQ(ContributorRoleLabel(ContributorRole::kWriter), "بقلم");
  EXPECT_STREQ(ContributorRoleLabel(ContributorRole::kTranslator), "ترجمة");
  EXPECT_STREQ(ContributorRoleLabel(ContributorRole::kContributor), "شارك في الإعداد");
}

TEST(NormalizeContributors, OnePersonOncePerRoleAndTheBylineStartsWithItsWriter) {
  Article a;
  a.contributors = {Person_(ContributorRole::kWriter, "سلمى"), Person_(ContributorRole::kWriter, "علي"),
                    Person_(ContributorRole::kTranslator, "سلمى"), Person_(ContributorRole::kWriter, "علي"),
                    Person_(ContributorRole::kContributor, "")};
  NormalizeContributors(&a);
  ASSERT_TRUE(a.writer.has_value()) << "the first co-writer becomes the writer";
  EXPECT_EQ(a.writer->name, "سلمى");
  ASSERT_EQ(a.contributors.size(), 2u);
  EXPECT_EQ(a.contributors[0].person.name, "علي");
  EXPECT_EQ(a.contributors[1].role, ContributorRole::kTranslator) << "a writer may translate too";

  Article b;
  b.writer = Person{0, "أحمد", "", ""};
  b.contributors = {Person_(ContributorRole::kWriter, "أحمد"), Person_(ContributorRole::kWriter, "منى")};
  NormalizeContributors(&b);
  ASSERT_EQ(b.contributors.size(), 1u) << "the writer is not their own co-writer";
  EXPECT_EQ(b.contributors[0].person.name, "منى");
}

TEST(ContributorKeys, TheirPagesAreListsToo) {
  ArticleWrite w;
  w.id = 3;
  w.is_published = true;
  w.people = {11, 12};
  const std::set<std::string> keys = keys::ForArticleSave({{w}, {}, false});
  EXPECT_TRUE(keys.count(keys::Writer(11)));
  EXPECT_TRUE(keys.count(keys::Writer(12)));
  w.is_published = false;  // A draft is on no one's page.
  EXPECT_FALSE(keys::ForArticleSave({{w}, {}, false}).count(keys::Writer(11)));
  // A card's picture changed: their pages show the card too.
  ArticleSaveFacts facts;
  ListedCard card;
  card.id = 3;
  card.people = {12};
  facts.card_image_changed.push_back(card);
  EXPECT_TRUE(keys::ForArticleSave(facts).count(keys::Writer(12)));
}

class ContributorsStoreTest : public StoreBackendTest {};

TEST_P(ContributorsStoreTest, SavedInOrderReadBackAndListedOnEachPage) {
  Article a = MakeArticle("c1", "تحقيق مشترك", 1700000000);
  a.writer = Person{0, "أحمد", "", ""};
  a.contributors = {Person_(ContributorRole::kWriter, "سلمى"), Person_(ContributorRole::kTranslator, "Jane Roe"),
                    Person_(ContributorRole::kContributor, "علي"), Person_(ContributorRole::kContributor, "منى")};
  std::set<std::string> changes;
  const SaveResult saved = SaveArticle(*store_, a, &changes);
  Article other = MakeArticle("c2", "مقال أحمد وحده", 1700000100);
  other.writer = Person{0, "أحمد", "", ""};
  SaveArticle(*store_, other);

  Article back = GetArticle(*store_, "تحقيق-مشترك");
  ASSERT_EQ(back.contributors.size(), 4u);
  EXPECT_EQ(back.contributors[0].role, ContributorRole::kWriter);
  EXPECT_EQ(back.contributors[0].person.name, "سلمى");
  EXPECT_EQ(back.contributors[1].role, ContributorRole::kTranslator);
  EXPECT_EQ(back.contributors[1].person.slug, "jane-roe");
  EXPECT_EQ(back.contributors[2].person.name, "علي");
  EXPECT_EQ(back.contributors[3].person.name, "منى");
  for (const Contributor& c : back.contributors) {
    EXPECT_NE(c.person.id, 0);
    EXPECT_TRUE(changes.count(keys::Writer(c.person.id))) << c.person.name << ": their page lists it now";
  }

  // Each person's page lists what they took part in, newest first.
  const Id salma = back.contributors[0].person.id;
  ArticlePage page;
  ASSERT_TRUE(store_->ListArticles(ListKind::kWriter, salma, 0, 10, &page).ok());
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items[0].id, saved.id);
  ASSERT_TRUE(store_->ListArticles(ListKind::kWriter, back.writer->id, 0, 10, &page).ok());
  EXPECT_EQ(page.total, 2) << "the writer's own two";
  ASSERT_TRUE(store_->ListArticles(ListKind::kWriter, back.contributors[1].person.id, 0, 10, &page).ok());
  EXPECT_EQ(page.total, 1) << "the translator's page";

  // The API's filter by writer finds co-written pieces too.
  ApiArticleFilter filter;
  filter.writer_id = salma;
  std::vector<ApiArticle> api;
  ASSERT_TRUE(store_->ListApiArticles(filter, false, &api).ok());
  ASSERT_EQ(api.size(), 1u);
  ASSERT_EQ(api[0].article.contributors.size(), 4u);
  EXPECT_EQ(api[0].article.contributors[1].person.name, "Jane Roe");

  // Saved again unchanged: nothing written; a contributor removed leaves
  // their page, which is purged.
  changes.clear();
  EXPECT_FALSE(SaveArticle(*store_, a, &changes).changed);
  a.contributors.pop_back();
  changes.clear();
  ASSERT_TRUE(SaveArticle(*store_, a, &changes).changed);
  const Id muna = back.contributors[3].person.id;
  EXPECT_TRUE(changes.count(keys::Writer(muna)));
  ASSERT_TRUE(store_->ListArticles(ListKind::kWriter, muna, 0, 10, &page).ok());
  EXPECT_EQ(page.total, 0);
  EXPECT_EQ(GetArticle(*store_, "تحقيق-مشترك").contributors.size(), 3u);
}

TEST_P(ContributorsStoreTest, InterchangeFieldsImportAndExport) {
  const std::string line =
      R"J({"id": "x1", "title": "حوار مترجم", "published_at": "2024-03-01T10:00:00+03:00", "writer": "أحمد", )J"
      R"J("co_writers": ["سلمى"], "translators": ["Jane Roe"], "contributors": ["علي", "منى"], "body": "نص"})J";
  Article parsed;
  ASSERT_TRUE(ParseArticleLine(line, "Asia/Riyadh", 1700000000, &parsed).ok());
  ASSERT_EQ(parsed.contributors.size(), 4u);
  EXPECT_EQ(parsed.contributors[0].role, ContributorRole::kWriter);
  EXPECT_EQ(parsed.contributors[1].role, ContributorRole::kTranslator);
  EXPECT_EQ(parsed.contributors[3].person.name, "منى");

  std::string many = R"J({"title": "كثيرون", "body": "نص", "contributors": [)J";
  for (size_t i = 0; i <= kMaxContributors; ++i) many += (i ? ", \"" : "\"") + std::string("اسم") + std::to_string(i) + "\"";
  many += "]}";
  Status st = ParseArticleLine(many, "Asia/Riyadh", 1700000000, &parsed);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("more than 20"), std::string::npos) << st.message();
  EXPECT_FALSE(ParseArticleLine(R"J({"title": "خطأ", "body": "نص", "translators": "Jane"})J", "Asia/Riyadh", 0, &parsed).ok());

  std::istringstream in(line + "\n");
  ImportSummary summary;
  ArticleImportOptions options;
  options.now = 1700000000;
  ASSERT_TRUE(ImportArticles(*store_, in, options, &summary).ok());
  ASSERT_TRUE(summary.errors.empty()) << summary.errors[0].reason;
  std::ostringstream out;
  SiteExportSummary exported;
  ASSERT_TRUE(ExportJsonLines(*store_, out, SiteExportOptions{}, &exported).ok());
  EXPECT_NE(out.str().find(R"("co_writers":["سلمى"],"translators":["Jane Roe"],"contributors":["علي","منى"])"),
            std::string::npos)
      << out.str();
}

INSTANTIATE_TEST_SUITE_P(Backends, ContributorsStoreTest, ::testing::ValuesIn(StoreBackends()), BackendName);

TEST(ContributorsDesk, TheFormNamesThemAndRevisionsKeepThem) {
  Article a;
  ArticleForm f;
  f.title = "ملف مشترك";
  f.body = "نص الملف.";
  f.writer_name = "أحمد";
  f.co_writers = {" سلمى ", "أحمد"};
  f.translators = {"Jane Roe"};
  f.contributors = {"علي"};
  ASSERT_TRUE(ApplyForm(f, &a).ok());
  ASSERT_EQ(a.contributors.size(), 4u) << "the form keeps what was typed; PrepareArticle drops the writer";
  EXPECT_EQ(a.contributors[0].person.name, "سلمى");
  PrepareArticle(&a);
  ASSERT_EQ(a.contributors.size(), 3u);

  // The snapshot (revisions, the history's diff) round-trips the three lists.
  ArticleForm again = FormOf(a);
  EXPECT_EQ(again.co_writers, std::vector<std::string>{"سلمى"});
  EXPECT_EQ(again.translators, std::vector<std::string>{"Jane Roe"});
  EXPECT_EQ(again.contributors, std::vector<std::string>{"علي"});

  ArticleForm too_many = f;
  too_many.contributors.clear();
  for (size_t i = 0; i <= kMaxContributors; ++i) too_many.contributors.push_back("اسم " + std::to_string(i));
  Article b;
  Status st = ApplyForm(too_many, &b);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("أكثر من المسموح"), std::string::npos);
}

}  // namespace
}  // namespace qalam
