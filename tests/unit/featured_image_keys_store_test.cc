// The change keys of edits to what readers' lists show of a featured image,
// on every backend: a desk save (or an import's) that changes only an
// article's image (or its alt text or caption), and an image's alt text edited in the media library,
// name every list showing the article's card; and (SQLite) migration 22's
// index finds the articles featuring an image without a scan.
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "arabic/slug.h"
#include "core/change_keys.h"
#include "services/article_text.h"
#include "store/imported.h"
#include "store/sqlite_db.h"
#include "store/store.h"
#include "store_backends.h"
#include "store_helpers.h"

namespace qalam {
namespace {

using testing_backends::BackendName;
using testing_backends::SqliteSiteTest;
using testing_backends::StoreBackends;
using testing_backends::StoreBackendTest;

constexpr int64_t kNow = 1'800'000'000;

MediaItem Image(Store& store, char key) {
  MediaItem m;
  m.hash = std::string(64, key);
  m.mime = "image/jpeg";
  m.width = 1600;
  m.height = 900;
  m.alt = "صورة";
  m.variants = {{640, 360, "image/jpeg", std::string(16, key) + "-640.jpg", ""},
                {1600, 900, "image/jpeg", std::string(16, key) + "-1600.jpg", ""}};
  bool created = false;
  EXPECT_TRUE(store.SaveMedia(&m, &created).ok());
  return m;
}

class FeaturedImageKeysTest : public StoreBackendTest {
 protected:
  // A published article with a section, writer, source and two tags.
  Article Published(const std::string& external_id, const std::string& title) {
    Article a = testing_backends::MakeArticle(external_id, title);
    a.section = Section{0, "رياضة", ""};
    a.writer = Person{0, "سلمى حداد", "", ""};
    a.source = Source{0, "وكالة الأنباء", "", ""};
    a.tags = {Tag{0, "كرة القدم", ""}, Tag{0, "الدوري", ""}};
    testing_backends::SaveArticle(*store_, a);
    Article read;
    EXPECT_TRUE(store_->GetArticleBySlug(MakeSlug(title), &read).ok());
    return read;
  }
  std::set<std::string> SaveOnDesk(Article* a) {
    PrepareArticle(a);
    DeskSave save;
    save.expected_version = a->version;
    save.revision.action = "save";
    save.revision.at = kNow;
    std::set<std::string> changes;
    Status st = store_->SaveDeskArticle(a, save, &changes);
    EXPECT_TRUE(st.ok()) << st.message();
    return changes;
  }
  std::set<std::string> ListKeys(const Article& a) {
    std::set<std::string> out{"home", keys::Section(a.section->id), keys::Writer(a.writer->id),
                              keys::Source(a.source->id)};
    for (const Tag& t : a.tags) out.insert(keys::Tag(t.id));
    return out;
  }
  std::set<std::string> KeysOf(const std::function<void()>& write) {
    std::vector<std::string> list;
    int64_t last = 0;
    EXPECT_TRUE(store_->ReadChanges(0, &list, &last).ok());
    list.clear();
    write();
    EXPECT_TRUE(store_->ReadChanges(last, &list, &last).ok());
    return {list.begin(), list.end()};
  }
};

bool Includes(const std::set<std::string>& all, const std::set<std::string>& some) {
  for (const std::string& k : some) {
    if (!all.count(k)) return false;
  }
  return true;
}

TEST_P(FeaturedImageKeysTest, ADeskSaveOfOnlyTheImageNamesEveryListShowingTheCard) {
  Article a = Published("a1", "فوز كبير في المباراة");
  ASSERT_TRUE(a.section && a.writer && a.source);
  ASSERT_EQ(a.tags.size(), 2u);
  const std::set<std::string> lists = ListKeys(a);
  const MediaItem first = Image(*store_, 'a'), second = Image(*store_, 'b');

  a.image_id = first.id;
  a.image_alt = "اللاعبون يحتفلون";
  std::set<std::string> changes = SaveOnDesk(&a);
  EXPECT_TRUE(Includes(changes, lists)) << "an image added";
  EXPECT_TRUE(changes.count(keys::Article(a.id)));

  a.image_id = second.id;
  EXPECT_TRUE(Includes(SaveOnDesk(&a), lists)) << "the image replaced";
  a.image_alt = "الجمهور في المدرجات";
  EXPECT_TRUE(Includes(SaveOnDesk(&a), lists)) << "its alt text edited";
  a.image_caption = "من المباراة النهائية";
  EXPECT_TRUE(Includes(SaveOnDesk(&a), lists)) << "its caption edited";

  changes = SaveOnDesk(&a);
  EXPECT_FALSE(changes.count(keys::Section(a.section->id))) << "saved again as it was: no list but home";
  EXPECT_TRUE(changes.count("home"));

  a.image_id = 0;
  a.image_alt.clear();
  a.image_caption.clear();
  EXPECT_TRUE(Includes(SaveOnDesk(&a), lists)) << "the image removed";
}

TEST_P(FeaturedImageKeysTest, AnImportChangingOnlyTheImageNamesEveryListShowingTheCard) {
  const MediaItem first = Image(*store_, 'a'), second = Image(*store_, 'b');
  auto batch = [&](const std::string& hash, Id image) {
    ImportBatch b;
    b.origin = "jsonl:https://old.example.test";
    ImportedArticle ia;
    ia.old_id = "i1";
    ia.hash = hash;
    ia.article = testing_backends::MakeArticle("i1", "خبر مستورد بصورة");
    ia.article.section = Section{0, "رياضة", ""};
    ia.article.writer = Person{0, "سلمى حداد", "", ""};
    ia.article.tags = {Tag{0, "الدوري", ""}};
    ia.article.image_id = image;
    ia.article.image_alt = "صورة المباراة";
    PrepareArticle(&ia.article);
    b.articles.push_back(std::move(ia));
    return b;
  };
  ImportBatch b1 = batch("v1", first.id);
  ImportBatchResult r1;
  std::set<std::string> changes;
  ASSERT_TRUE(store_->SaveImportBatch(&b1, &r1, &changes).ok());
  const Article a = testing_backends::GetArticle(*store_, MakeSlug("خبر مستورد بصورة"));
  ASSERT_TRUE(a.section && a.writer);

  ImportBatch b2 = batch("v2", second.id);  // The line again, another image.
  ImportBatchResult r2;
  changes.clear();
  ASSERT_TRUE(store_->SaveImportBatch(&b2, &r2, &changes).ok());
  EXPECT_EQ(r2.articles_updated, 1);
  std::set<std::string> lists{"home", keys::Section(a.section->id), keys::Writer(a.writer->id)};
  for (const Tag& t : a.tags) lists.insert(keys::Tag(t.id));
  EXPECT_TRUE(Includes(changes, lists));
}

TEST_P(FeaturedImageKeysTest, ADraftsImageNamesNoList) {
  Article a = testing_backends::MakeArticle("d1", "مسودة بصورة");
  a.status = ArticleStatus::kDraft;
  a.section = Section{0, "رياضة", ""};
  testing_backends::SaveArticle(*store_, a);
  ASSERT_TRUE(store_->GetArticleBySlug(MakeSlug("مسودة بصورة"), &a).ok());
  a.image_id = Image(*store_, 'c').id;
  a.image_alt = "صورة";
  const std::set<std::string> changes = SaveOnDesk(&a);
  EXPECT_EQ(changes, (std::set<std::string>{keys::Article(a.id)}));
}

TEST_P(FeaturedImageKeysTest, AnImagesAltTextNamesThePagesAndListsOfTheArticlesFeaturingIt) {
  const MediaItem image = Image(*store_, 'e');
  Article a = Published("a2", "افتتاح الملعب الجديد");
  a.image_id = image.id;
  a.image_alt = "";  // The library's alt text shows.
  SaveOnDesk(&a);
  Article draft = testing_backends::MakeArticle("d2", "مسودة عن الملعب");
  draft.status = ArticleStatus::kDraft;
  testing_backends::SaveArticle(*store_, draft);
  ASSERT_TRUE(store_->GetArticleBySlug(MakeSlug("مسودة عن الملعب"), &draft).ok());
  draft.image_id = image.id;
  SaveOnDesk(&draft);
  const Article other = Published("a3", "خبر بلا صورة");

  std::set<std::string> expected = ListKeys(a);
  expected.insert(keys::Article(a.id));
  expected.insert(keys::Article(draft.id));
  EXPECT_EQ(KeysOf([&] { ASSERT_TRUE(store_->SetMediaAlt(image.id, "الملعب من الجو").ok()); }), expected)
      << "the draft's page, but no list of its; nothing of the article without the image";
  EXPECT_FALSE(expected.count(keys::Article(other.id)));

  const MediaItem unused = Image(*store_, 'f');
  EXPECT_EQ(KeysOf([&] { ASSERT_TRUE(store_->SetMediaAlt(unused.id, "لا يظهر").ok()); }),
            std::set<std::string>{});
  EXPECT_TRUE(store_->SetMediaAlt(99999, "x").IsNotFound());
}

INSTANTIATE_TEST_SUITE_P(Backends, FeaturedImageKeysTest, ::testing::ValuesIn(StoreBackends()), BackendName);

class FeaturedImageIndexTest : public SqliteSiteTest {};

TEST_F(FeaturedImageIndexTest, TheArticlesFeaturingAnImageAreFoundByIndex) {
  sqlite::Connection db(dir_ + "/site/qalam.db", false);
  sqlite::Stmt q(db, "EXPLAIN QUERY PLAN SELECT id FROM articles WHERE image_id = ?1");
  q.Bind(1, 7);
  std::string plan;
  while (q.Step()) plan += q.Text(3) + "\n";
  EXPECT_NE(plan.find("USING COVERING INDEX articles_by_image"), std::string::npos) << plan;
}

}  // namespace
}  // namespace qalam
