// The change keys each kind of write records (core/change_keys.h): pure
// functions from the facts a store gathers to the keys, the same for every
// backend.
#include "core/change_keys.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace qalam {
namespace {

using Keys = std::set<std::string>;

ArticleWrite Written(Id id) {
  ArticleWrite w;
  w.id = id;
  return w;
}

TEST(ChangeKeys, ADraftWrittenTouchesItsOwnPageAndWhatLinksToIt) {
  ArticleWrite w = Written(7);
  w.section_after = 2;
  w.writer_after = 3;
  w.source_after = 4;
  w.tags = {5};
  w.linked_from = {8, 9};
  EXPECT_EQ(keys::ForArticleSave({{w}, {}, false}), (Keys{"article:7", "article:8", "article:9"}))
      << "readers' lists hold published articles only";
}

TEST(ChangeKeys, APublishedArticleTouchesHomeAndEveryListItLeavesOrJoins) {
  ArticleWrite w = Written(7);
  w.was_published = true;
  w.is_published = true;
  w.section_before = 1;
  w.section_after = 2;
  w.writer_before = 3;
  w.writer_after = 3;
  w.source_after = 4;
  w.tags = {5, 6};
  EXPECT_EQ(keys::ForArticleSave({{w}, {}, false}),
            (Keys{"article:7", "home", "section:1", "section:2", "writer:3", "source:4", "tag:5", "tag:6"}));
}

TEST(ChangeKeys, UnpublishingTouchesTheListsItLeaves) {
  ArticleWrite w = Written(7);
  w.was_published = true;
  w.section_before = 1;
  w.section_after = 1;
  w.writer_before = 3;
  w.tags = {5};
  EXPECT_EQ(keys::ForArticleSave({{w}, {}, false}),
            (Keys{"article:7", "home", "section:1", "writer:3", "tag:5"}));
}

TEST(ChangeKeys, AWritersBioAndASourcesAddressShowOnAllTheirPages) {
  ArticleWrite w = Written(7);
  w.writer_bio_changed = 3;
  w.source_url_changed = 4;
  EXPECT_EQ(keys::ForArticleSave({{w}, {}, false}), (Keys{"article:7", "person:3", "sourceinfo:4"}));
}

TEST(ChangeKeys, TheMenuAndDeskSavesWithNothingWritten) {
  EXPECT_TRUE(keys::ForArticleSave({}).empty()) << "an identical save touches nothing";
  EXPECT_EQ(keys::ForArticleSave({{}, {7}, false}), Keys{"article:7"})
      << "a desk save changes desk fields outside the content (the featured image)";
  EXPECT_EQ(keys::ForArticleSave({{Written(7)}, {7}, true}), (Keys{"article:7", "global"}));
}

TEST(ChangeKeys, NamedEdits) {
  int asked = 0;
  auto articles = [&] {
    ++asked;
    return std::vector<Id>{10, 11};
  };
  // names:KIND: the sitemap listing every one of the kind by slug.
  EXPECT_EQ(keys::ForNamedEdit(NamedKind::kPerson, 3, articles), (Keys{"person:3", "writer:3", "names:person"}));
  EXPECT_EQ(keys::ForNamedEdit(NamedKind::kSource, 4, articles), (Keys{"sourceinfo:4", "source:4", "names:source"}));
  EXPECT_EQ(keys::ForNamedEdit(NamedKind::kSection, 2, articles), (Keys{"global", "names:section"}))
      << "the menu on every page";
  EXPECT_EQ(asked, 0) << "their articles' pages carry person, sourceinfo or global";
  EXPECT_EQ(keys::ForNamedEdit(NamedKind::kTag, 5, articles),
            (Keys{"tag:5", "article:10", "article:11", "names:tag"}))
      << "an article's page lists its tags but carries no tag key";
  EXPECT_EQ(asked, 1);
}

TEST(ChangeKeys, CommentsTouchTheirArticleWhenWhatReadersSeeChanges) {
  auto one = [](CommentChange c) { return keys::ForComments({c}); };
  EXPECT_EQ(one({7, false, true}), Keys{"article:7"}) << "approved";
  EXPECT_EQ(one({7, true, false}), Keys{"article:7"}) << "rejected or reported away";
  EXPECT_TRUE(one({7, false, false}).empty()) << "held, or rejected while waiting";
  EXPECT_TRUE(one({7, true, true}).empty()) << "a repeat, or a report below the threshold";
  EXPECT_EQ(one({7, true, true, true}), Keys{"article:7"}) << "a shown comment's text edited";
  EXPECT_TRUE(one({7, false, false, true}).empty()) << "a waiting comment's text edited";
  EXPECT_EQ(one({7, false, false, false, true}), Keys{"article:7"}) << "erased";
  EXPECT_EQ(keys::ForComments({{7, false, true}, {8, true, true}, {9, true, false}}),
            (Keys{"article:7", "article:9"}));
}

TEST(ChangeKeys, AnImagesCaptionOrCreditTouchesOnlyThePagesItIsFeaturedOn) {
  EXPECT_EQ(keys::ForMediaText({3, 12}), (Keys{"article:3", "article:12"}));
  EXPECT_EQ(keys::ForMediaText({}), Keys{}) << "an image no article features: no page to purge";
}

TEST(ChangeKeys, ADeskSaveChangingOnlyTheFeaturedImagePurgesEveryListShowingItsCard) {
  ArticleSaveFacts facts;
  facts.desk_saved = {7};
  facts.desk_saved_published = {1765065600};  // 2025-12-07 UTC.
  ListedCard card;
  card.id = 7;
  card.section = 2;
  card.writer = 3;
  card.source = 4;
  card.tags = {5, 6};
  facts.card_image_changed = {card};
  EXPECT_EQ(keys::ForArticleSave(facts), (Keys{"article:7", "month:2025-12", "home", "section:2", "writer:3",
                                               "source:4", "tag:5", "tag:6"}));

  facts.card_image_changed.clear();
  EXPECT_EQ(keys::ForArticleSave(facts), (Keys{"article:7", "month:2025-12", "home"}))
      << "a desk save leaving the image as it was purges no list but the home page";

  card.section = card.writer = card.source = 0;
  card.tags.clear();
  facts.card_image_changed = {card};
  EXPECT_EQ(keys::ForArticleSave(facts), (Keys{"article:7", "month:2025-12", "home"}))
      << "an article in no section, of no writer or source: only the home page lists it";
}

TEST(ChangeKeys, AnImagesAltTextTouchesThePagesAndTheListsShowingIt) {
  ListedCard card;
  card.id = 3;
  card.section = 2;
  card.writer = 8;
  card.tags = {5};
  EXPECT_EQ(keys::ForMediaAlt({3, 12}, {card}),
            (Keys{"article:3", "article:12", "home", "section:2", "writer:8", "tag:5"}))
      << "article 12 (a draft, or a page) is in no list: its page alone";
  EXPECT_EQ(keys::ForMediaAlt({12}, {}), Keys{"article:12"});
  EXPECT_EQ(keys::ForMediaAlt({}, {}), Keys{}) << "an image no article features: no page to purge";
}

TEST(ChangeKeys, SiteWideWrites) {
  EXPECT_EQ(keys::ForSetting("site_name"), (Keys{"global", "setting:site_name"}))
      << "a sitemap shows the site's name and address but not the rest of what global names";
  EXPECT_EQ(keys::ForBreaking(), Keys{"breaking"});
  EXPECT_EQ(keys::ForHomeLayout(), Keys{"home"}) << "the front page's layout purges the home page alone";
  EXPECT_EQ(keys::ForSearchIndexRebuild(), Keys{"global"});
  EXPECT_EQ(keys::ForTermLists(), Keys{"moderation:terms"}) << "names no page: servers reload the lists";
}

TEST(ChangeKeys, APageIsInNoArticleListSoItsEditTouchesItsPageAndThePagesList) {
  ArticleWrite w = Written(7);
  w.was_page = w.is_page = true;
  w.was_published = w.is_published = true;
  w.section_after = 2;
  w.tags = {5};
  w.published_at_before = w.published_at_after = 1796083200;
  EXPECT_EQ(keys::ForArticleSave({{w}, {}, false}), (Keys{"article:7", "pages"}))
      << "only the static pages' sitemap lists it, no month's";
}

TEST(ChangeKeys, ThePagesListChangesWhenAPageIsOrWasPublished) {
  for (auto [was, is] : {std::pair{false, true}, {true, false}}) {
    ArticleWrite w = Written(7);
    w.was_page = w.is_page = true;
    w.was_published = was;
    w.is_published = is;
    EXPECT_EQ(keys::ForArticleSave({{w}, {}, false}), (Keys{"article:7", "pages"})) << was << is;
  }
  ArticleWrite draft = Written(7);  // A draft page, before and after.
  draft.was_page = draft.is_page = true;
  EXPECT_EQ(keys::ForArticleSave({{draft}, {}, false}), (Keys{"article:7"}));
  ArticleWrite article = Written(8);  // A published article is in no pages list.
  article.was_published = article.is_published = true;
  EXPECT_EQ(keys::ForArticleSave({{article}, {}, false}).count("pages"), 0u);
}

TEST(ChangeKeys, AnArticleBecomingAPageLeavesItsLists) {
  ArticleWrite w = Written(7);
  w.is_page = true;
  w.was_published = w.is_published = true;
  w.section_before = 2;
  w.tags = {5};
  EXPECT_EQ(keys::ForArticleSave({{w}, {}, false}), (Keys{"article:7", "home", "pages", "section:2", "tag:5"}));
}

TEST(ChangeKeys, ThePagesOfTheFooterMenuAreOnEveryPage) {
  for (auto [before, after] : {std::pair{false, true}, {true, false}, {true, true}}) {
    ArticleWrite w = Written(7);
    w.was_page = w.is_page = true;
    w.footer_before = before;
    w.footer_after = after;
    EXPECT_EQ(keys::ForArticleSave({{w}, {}, false}), (Keys{"article:7", "global"})) << before << after;
  }
  // A page's new title, in the footer or not.
  ArticleWrite w = Written(7);
  w.was_page = w.is_page = true;
  w.title_changed = true;
  EXPECT_EQ(keys::ForArticleSave({{w}, {}, false}), (Keys{"article:7", "global"}));
  // An article's new title is no footer's business.
  ArticleWrite a = Written(8);
  a.title_changed = true;
  EXPECT_EQ(keys::ForArticleSave({{a}, {}, false}), (Keys{"article:8"}));
}

TEST(ChangeKeys, APinChangeTouchesHome) {
  ArticleWrite w = Written(7);  // A draft: only the pin says home.
  w.pin_changed = true;
  EXPECT_EQ(keys::ForArticleSave({{w}, {}, false}), (Keys{"article:7", "home"}));
}

TEST(ChangeKeys, MonthsAreUtcCalendarMonths) {
  EXPECT_EQ(keys::Month(1796083200), "month:2026-12");  // 2026-12-01T00:00:00Z
  EXPECT_EQ(keys::Month(1796083199), "month:2026-11");
  EXPECT_EQ(keys::Month(1798761599), "month:2026-12");  // 2026-12-31T23:59:59Z
}

TEST(ChangeKeys, APublishedArticleTouchesTheSitemapsOfTheMonthsItLeavesAndJoins) {
  ArticleWrite w = Written(7);
  w.was_published = w.is_published = true;
  w.published_at_before = 1796083199;  // November
  w.published_at_after = 1796083200;   // December: re-dated on the desk
  EXPECT_EQ(keys::ForArticleSave({{w}, {}, false}), (Keys{"article:7", "home", "month:2026-11", "month:2026-12"}));
  // Edited in place (a new slug, title or image): its own month only.
  w.published_at_before = w.published_at_after = 1796083200;
  EXPECT_EQ(keys::ForArticleSave({{w}, {}, false}), (Keys{"article:7", "home", "month:2026-12"}));
  // Unpublished: the month it leaves.
  w.is_published = false;
  EXPECT_EQ(keys::ForArticleSave({{w}, {}, false}), (Keys{"article:7", "home", "month:2026-12"}));
  // A draft is in no month's sitemap, whatever its date.
  w.was_published = false;
  EXPECT_EQ(keys::ForArticleSave({{w}, {}, false}), (Keys{"article:7"}));
}

TEST(ChangeKeys, ADeskSaveOfAPublishedArticleTouchesItsMonth) {
  // The featured image is in the month's sitemap but not in the content.
  // Its thumbnail is on the home page's cards.
  EXPECT_EQ(keys::ForArticleSave({{}, {7}, false, {1796083200}}), (Keys{"article:7", "home", "month:2026-12"}));
}

TEST(ChangeKeys, PublishingOrUnpublishingAPageTouchesThePagesSitemap) {
  ArticleWrite w = Written(7);
  w.was_page = w.is_page = true;
  w.is_published = true;
  EXPECT_EQ(keys::ForArticleSave({{w}, {}, false}), (Keys{"article:7", "pages"}));
  w.was_published = true;
  w.is_published = false;
  EXPECT_EQ(keys::ForArticleSave({{w}, {}, false}), (Keys{"article:7", "pages"}));
  w.was_published = false;
  EXPECT_EQ(keys::ForArticleSave({{w}, {}, false}), (Keys{"article:7"})) << "a draft page";
}

}  // namespace
}  // namespace qalam
