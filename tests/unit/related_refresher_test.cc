// RelatedRefresher (services/related_refresher.h): a burst of changes costs
// one refresh, off the caller's thread, and the lists are then current.
#include "services/related_refresher.h"
#include "services/article_text.h"
#include "store/open_store.h"

#include <gtest/gtest.h>

#include <thread>

#include "store_backends.h"

namespace qalam {
namespace {

using testing_backends::BackendName;
using testing_backends::StoreBackends;
using testing_backends::StoreBackendTest;

// The suite keeps its name, RelatedRefresher, over the backends; inside its
// tests that name is the fixture, so the class under test is named in full.
class RelatedRefresher : public StoreBackendTest {};

TEST_P(RelatedRefresher, ABurstOfChangesIsOneRefreshAndTheListsFollow) {
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
  ASSERT_TRUE(store_->SaveArticles(&articles, &results, &changes).ok());
  std::vector<ArticleSummary> related;
  ASSERT_TRUE(store_->GetAutoRelated(results[0].id, &related).ok());
  EXPECT_TRUE(related.empty()) << "nothing computed yet";
  {
    qalam::RelatedRefresher refresher(*store_, std::chrono::milliseconds(100));
    for (int i = 0; i < 5; ++i) refresher.MarkDirty();
    for (int i = 0; i < 100 && refresher.refreshes() == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(refresher.refreshes(), 1);
  }
  ASSERT_TRUE(store_->GetAutoRelated(results[0].id, &related).ok());
  EXPECT_EQ(related.size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, RelatedRefresher, ::testing::ValuesIn(StoreBackends()), BackendName);

}  // namespace
}  // namespace qalam
