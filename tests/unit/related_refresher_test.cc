// RelatedRefresher (services/related_refresher.h): a burst of changes costs
// one refresh, off the caller's thread, and the lists are then current.
#include "services/related_refresher.h"
#include "services/article_text.h"
#include "store/open_store.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <thread>

namespace qalam {
namespace {

namespace fs = std::filesystem;

TEST(RelatedRefresher, ABurstOfChangesIsOneRefreshAndTheListsFollow) {
  std::string tmpl = (fs::temp_directory_path() / "qalam-refresher-XXXXXX").string();
  ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
  std::unique_ptr<Store> store;
  ASSERT_TRUE(OpenStore(tmpl + "/site", StoreOptions{.create = true}, &store).ok());
  std::vector<Article> articles;
  for (int i = 0; i < 3; ++i) {
    Article a;
    a.external_id = "r" + std::to_string(i);
    a.title = "الطاقة الشمسية في الصحراء " + std::to_string(i);
    a.body_markdown = "محطات الطاقة الشمسية والألواح الشمسية في الصحراء الكبرى.";
    a.body_html = "<p>" + a.body_markdown + "</p>";
    a.published_at = 1700000000 + i;
    a.tags = {Tag{0, "طاقة", ""}};
    PrepareArticle(&a);  // Slugs, search text and terms come made (store.h).
    articles.push_back(a);
  }
  std::vector<SaveResult> results;
  std::set<std::string> changes;
  ASSERT_TRUE(store->SaveArticles(&articles, &results, &changes).ok());
  std::vector<ArticleSummary> related;
  ASSERT_TRUE(store->GetAutoRelated(results[0].id, &related).ok());
  EXPECT_TRUE(related.empty()) << "nothing computed yet";
  {
    RelatedRefresher refresher(*store, std::chrono::milliseconds(100));
    for (int i = 0; i < 5; ++i) refresher.MarkDirty();
    for (int i = 0; i < 100 && refresher.refreshes() == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(refresher.refreshes(), 1);
  }
  ASSERT_TRUE(store->GetAutoRelated(results[0].id, &related).ok());
  EXPECT_EQ(related.size(), 2u);
  store.reset();
  fs::remove_all(tmpl);
}

}  // namespace
}  // namespace qalam
