// What the home page shows, decided from the desk's layout (store::
// HomeLayout) and what is published now: pinned articles first, the lead,
// the featured row, the latest, a block per section, and the opinion block
// with its writers. What the layout leaves open, or names but is no longer
// published, is filled with the latest published articles; no article is
// shown twice. A fresh or imported site with no layout gets the latest as
// lead and featured and every section with articles, largest first.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace qalam {

constexpr int kHomeLatestItems = 6;
constexpr int kHomeBlockItems = 4;
constexpr int kHomeOpinionItems = 4;

struct HomeBlock {
  Section section;
  std::vector<ArticleSummary> items;
};

// An opinion piece with its writer's page and portrait (0: none).
struct HomeOpinion {
  ArticleSummary article;
  Id writer_id = 0;
  std::string writer_slug;
  Id writer_photo = 0;
};

struct HomePlan {
  std::vector<ArticleSummary> pinned;
  int64_t pin_expires = 0;  // The earliest pin's end, 0: none ends.
  std::optional<ArticleSummary> lead;
  std::vector<ArticleSummary> featured;
  std::vector<ArticleSummary> latest;
  std::vector<HomeBlock> sections;
  std::optional<Section> opinion_section;
  std::vector<HomeOpinion> opinion;
  bool empty = true;  // No article is published.
  // Every article shown, in page order: their thumbnails are read at once.
  std::vector<Id> shown;
};

Status PlanHome(Store& store, const HomeLayout& layout, int64_t now, HomePlan* out);

}  // namespace qalam
