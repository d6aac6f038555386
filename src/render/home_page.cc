#include "render/home_page.h"

#include <algorithm>
#include <map>
#include <string>
#include <set>

namespace qalam {

namespace {

class Picker {
 public:
  explicit Picker(HomePlan* plan) : plan_(plan) {}
  bool Shown(Id id) const { return seen_.count(id) > 0; }
  // Takes `s` unless already on the page.
  bool Take(const ArticleSummary& s, std::vector<ArticleSummary>* into) {
    if (!seen_.insert(s.id).second) return false;
    ++per_section_[s.section_slug];
    into->push_back(s);
    plan_->shown.push_back(s.id);
    return true;
  }
  // Up to `count` of `candidates` not yet shown.
  void Fill(const std::vector<ArticleSummary>& candidates, size_t count, std::vector<ArticleSummary>* into) {
    for (const ArticleSummary& s : candidates) {
      if (into->size() >= count) break;
      Take(s, into);
    }
  }
  // How many of a section's articles are on the page already: a block
  // reads that many more than it shows, never the whole page's count.
  int64_t InSection(const std::string& slug) const {
    auto it = per_section_.find(slug);
    return it == per_section_.end() ? 0 : it->second;
  }

 private:
  HomePlan* plan_;
  std::set<Id> seen_;
  std::map<std::string, int64_t> per_section_;
};

// The chosen ids still published, as summaries, in the order given.
Status Published(Store& store, const std::vector<Id>& ids, std::vector<ArticleSummary>* out) {
  std::vector<Id> live;
  for (Id id : ids) {
    Article a;
    Status st = store.GetArticleById(id, &a);
    if (st.IsNotFound()) continue;
    if (!st.ok()) return st;
    if (a.status == ArticleStatus::kPublished && a.kind == ArticleKind::kArticle) live.push_back(id);
  }
  return store.GetArticleSummaries(live, out);
}

}  // namespace

Status PlanHome(Store& store, const HomeLayout& layout, int64_t now, HomePlan* out) {
  *out = HomePlan{};
  Picker pick(out);
  Status st = store.ListPinnedArticles(now, &out->pinned, &out->pin_expires);
  if (!st.ok()) return st;
  {
    std::vector<ArticleSummary> pinned;
    pinned.swap(out->pinned);
    pick.Fill(pinned, pinned.size(), &out->pinned);
  }

  std::vector<Section> all;
  if (!(st = store.ListSections(&all)).ok()) return st;
  auto opinion_it = std::find_if(all.begin(), all.end(), [&](const Section& s) {
    return layout.opinion_section && s.id == layout.opinion_section;
  });

  // The latest, enough to fill whatever the layout leaves open; opinion
  // pieces wait for their own block.
  ArticlePage latest;
  const int64_t want = 1 + static_cast<int64_t>(layout.featured.size() > 4 ? layout.featured.size() : 4) +
                       kHomeLatestItems + static_cast<int64_t>(out->pinned.size()) + kHomeOpinionItems + 5;
  if (!(st = store.ListArticles(ListKind::kAll, 0, 0, want, &latest)).ok()) return st;
  out->empty = latest.total == 0;
  if (opinion_it != all.end()) {
    std::erase_if(latest.items, [&](const ArticleSummary& a) { return a.section_slug == opinion_it->slug; });
  }

  std::vector<Id> chosen;
  if (layout.lead) chosen.push_back(layout.lead);
  chosen.insert(chosen.end(), layout.featured.begin(), layout.featured.end());
  std::vector<ArticleSummary> live;
  if (!(st = Published(store, chosen, &live)).ok()) return st;
  auto find = [&](Id id) -> const ArticleSummary* {
    for (const ArticleSummary& s : live) {
      if (s.id == id) return &s;
    }
    return nullptr;
  };

  std::vector<ArticleSummary> lead;
  if (const ArticleSummary* s = layout.lead ? find(layout.lead) : nullptr) pick.Take(*s, &lead);
  if (lead.empty()) pick.Fill(latest.items, 1, &lead);
  if (!lead.empty()) out->lead = lead.front();

  constexpr size_t kFeatured = 4;
  for (Id id : layout.featured) {
    if (const ArticleSummary* s = find(id)) pick.Take(*s, &out->featured);
  }
  pick.Fill(latest.items, kFeatured, &out->featured);
  pick.Fill(latest.items, kHomeLatestItems, &out->latest);

  // Section blocks: the desk's, in its order, else every section with
  // articles, largest first (ListSections); the opinion section has its own.
  std::vector<Section> blocks;
  if (layout.sections_chosen) {
    for (Id id : layout.sections) {
      auto it = std::find_if(all.begin(), all.end(), [&](const Section& s) { return s.id == id; });
      if (it != all.end()) blocks.push_back(*it);
    }
  } else {
    blocks = all;
  }
  std::erase_if(blocks, [&](const Section& s) { return s.id == layout.opinion_section; });
  for (const Section& s : blocks) {
    ArticlePage items;
    if (!(st = store.ListArticles(ListKind::kSection, s.id, 0, kHomeBlockItems + pick.InSection(s.slug),
                                  &items)).ok()) {
      return st;
    }
    HomeBlock b{s, {}};
    pick.Fill(items.items, kHomeBlockItems, &b.items);
    if (!b.items.empty()) out->sections.push_back(std::move(b));
  }

  if (opinion_it != all.end()) {
    auto it = opinion_it;
    {
      ArticlePage items;
      if (!(st = store.ListArticles(ListKind::kSection, it->id, 0,
                                    kHomeOpinionItems + pick.InSection(it->slug), &items)).ok()) {
        return st;
      }
      std::vector<ArticleSummary> pieces;
      pick.Fill(items.items, kHomeOpinionItems, &pieces);
      for (const ArticleSummary& s : pieces) {
        HomeOpinion o{s, 0, "", 0};
        Article a;
        if (store.GetArticleBySlug(s.slug, &a).ok() && a.writer) {
          o.writer_id = a.writer->id;
          o.writer_slug = a.writer->slug;
          o.writer_photo = a.writer->photo_id;
        }
        out->opinion.push_back(std::move(o));
      }
      if (!out->opinion.empty()) out->opinion_section = *it;
    }
  }
  return Status::Ok();
}

}  // namespace qalam
