// The desk's front page (/admin/home): the lead, the featured row, the
// section blocks and the opinion section, arranged in one form. The form
// carries the layout as it is being edited (hidden fields: id lists); each
// button names what to do with it ("op"): find articles by title, place one
// as lead or featured, add a section, move an item up or down, remove it,
// or save. Every op but save answers the page again with the edited,
// unsaved layout, so the page works without scripts; home.js does the moves
// in the page, by drag and drop or the same buttons. The preview
// (/admin/home/preview) draws the reader's home page from the same fields.
// The rules and the audit entry are in services/home_layout.h.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <string_view>

#include "arabic/dates.h"
#include "core/text.h"
#include "web/admin_handler.h"
#include "web/admin_visit.h"

namespace qalam {
namespace {

constexpr int64_t kSearchResults = 20;

// "3,5,9" → {3, 5, 9}; anything else in it is dropped.
std::vector<Id> IdList(const std::string& text) {
  std::vector<Id> ids;
  for (size_t start = 0; start < text.size();) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    int64_t id = 0;
    if (ParsePositive(Trim(std::string_view(text).substr(start, comma - start)), &id)) ids.push_back(id);
    start = comma + 1;
  }
  return ids;
}

std::string IdText(const std::vector<Id>& ids) {
  std::string out;
  for (Id id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

// Moves the item at `index` one place towards the top (`up`) or the bottom.
void Move(std::vector<Id>* ids, size_t index, bool up) {
  if (index >= ids->size()) return;
  if (up && index > 0) std::swap((*ids)[index], (*ids)[index - 1]);
  if (!up && index + 1 < ids->size()) std::swap((*ids)[index], (*ids)[index + 1]);
}

}  // namespace

HttpReply AdminHandler::HomeRoute(Visit& v) {
  if (!HomeLayoutService::MayEdit(v.user)) {
    return Message(v, 403, "غير مسموح", "ترتيب الصفحة الرئيسية لمن يملك نشر مقالات الجميع: رئيس التحرير ومدير الموقع.");
  }
  const std::string rest = v.path.substr(std::char_traits<char>::length("/admin/home"));
  if (rest != "" && rest != "/" && rest != "/preview") {
    return Message(v, 404, "الصفحة غير موجودة", "لا توجد صفحة بهذا العنوان في مكتب التحرير.");
  }
  auto server_error = [&] { return Message(v, 500, "خطأ في الخادم", "تعذّر حفظ الصفحة الرئيسية، حاول بعد قليل."); };

  // The layout: the saved one, or the one the form carries.
  HomeLayout layout;
  if (!v.post) {
    if (!home_.Get(&layout).ok()) return server_error();
  } else {
    std::vector<Id> lead = IdList(v.Form("lead"));
    layout.lead = lead.empty() ? 0 : lead.front();
    layout.featured = IdList(v.Form("featured"));
    layout.sections = IdList(v.Form("sections"));
    layout.sections_chosen = true;
    int64_t opinion = 0;
    if (ParsePositive(v.Form("opinion"), &opinion)) layout.opinion_section = opinion;
  }
  std::vector<NamedItem> sections;
  if (!names_.List(NamedKind::kSection, "", 500, &sections).ok()) return server_error();
  if (!layout.sections_chosen) {
    // Never arranged: the blocks readers see now, every section with
    // articles, largest first.
    std::vector<NamedItem> live = sections;
    std::erase_if(live, [](const NamedItem& s) { return s.articles == 0; });
    std::stable_sort(live.begin(), live.end(), [](const NamedItem& a, const NamedItem& b) { return a.articles > b.articles; });
    for (const NamedItem& s : live) {
      if (s.id != layout.opinion_section) layout.sections.push_back(s.id);
    }
    layout.sections_chosen = true;
  }

  if (rest == "/preview") {
    if (!v.post) return Message(v, 405, "طريقة غير مدعومة", "المعاينة من صفحة ترتيب الصفحة الرئيسية.");
    if (Status st = home_.Check(layout); !st.ok()) return Message(v, 400, "تعذّرت المعاينة", st.message());
    RenderedPage page;
    if (Status st = page_renderer_.RenderHomePreview(layout, v.now, &page); !st.ok()) {
      spdlog::error("home preview failed: {}", st.message());
      return Message(v, 500, "خطأ في الخادم", "تعذّرت المعاينة، حاول بعد قليل.");
    }
    return DeskPreviewReply(std::move(page.html));
  }

  std::string error, notice;
  const std::string op = v.Form("op");
  std::string query = v.post ? Trim(v.Form("q")) : "";
  if (v.post && op == "save") {
    Status st = home_.Save(layout, v.user.id, v.now);
    if (st.IsInvalid()) {
      error = st.message();
    } else if (!st.ok()) {
      return server_error();
    } else {
      return Redirect("/admin/home?done=saved");
    }
  } else if (v.post && !op.empty() && op != "find") {
    // "lead:ID", "featured:ID", "section:ID", "up:LIST:INDEX", "down:LIST:INDEX", "remove:LIST:INDEX".
    const size_t colon = op.find(':');
    const std::string verb = op.substr(0, colon);
    const std::string arg = colon == std::string::npos ? "" : op.substr(colon + 1);
    int64_t id = 0;
    if (verb == "lead" && ParsePositive(arg, &id)) {
      std::erase(layout.featured, id);
      layout.lead = id;
    } else if (verb == "featured" && ParsePositive(arg, &id)) {
      if (layout.lead == id) layout.lead = 0;
      if (std::find(layout.featured.begin(), layout.featured.end(), id) == layout.featured.end()) {
        if (layout.featured.size() >= kHomeFeaturedMax) {
          error = "صف المقالات المميزة ممتلئ؛ أزل مقالًا منه أولًا.";
        } else {
          layout.featured.push_back(id);
        }
      }
    } else if (verb == "section" && ParsePositive(arg, &id)) {
      if (std::find(layout.sections.begin(), layout.sections.end(), id) == layout.sections.end()) {
        layout.sections.push_back(id);
      }
    } else if (verb == "up" || verb == "down" || verb == "remove") {
      const size_t colon2 = arg.find(':');
      const std::string list = arg.substr(0, colon2);
      int64_t index = -1;
      if (colon2 != std::string::npos) {
        int64_t i = 0;
        if (ParsePositive(arg.substr(colon2 + 1), &i) || arg.substr(colon2 + 1) == "0") index = i;
      }
      std::vector<Id>* ids = list == "featured" ? &layout.featured : list == "sections" ? &layout.sections : nullptr;
      if (list == "lead" && verb == "remove") {
        layout.lead = 0;
      } else if (ids && index >= 0 && static_cast<size_t>(index) < ids->size()) {
        if (verb == "remove") {
          ids->erase(ids->begin() + index);
        } else {
          Move(ids, static_cast<size_t>(index), verb == "up");
        }
      }
    }
    notice = error.empty() ? "عُدّل الترتيب ولم يُحفظ بعد؛ احفظه ليراه القراء." : "";
  }

  // The page.
  const DateStyle style =
      MakeDateStyle(v.settings.Get("date_style"), v.settings.Get("digits"), "off", v.settings.timezone());
  auto candidate_json = [&](const HomeCandidate& c) {
    nlohmann::json j = {{"id", std::to_string(c.id)}, {"title", c.title}, {"section", c.section_name}};
    if (c.published_at) j["date"] = FormatArabicDate(c.published_at, style);
    return j;
  };
  std::vector<HomeCandidate> placed;
  std::vector<Id> placed_ids;
  if (layout.lead) placed_ids.push_back(layout.lead);
  placed_ids.insert(placed_ids.end(), layout.featured.begin(), layout.featured.end());
  if (!home_.Describe(placed_ids, &placed).ok()) return server_error();
  auto describe = [&](Id id) -> nlohmann::json {
    for (const HomeCandidate& c : placed) {
      if (c.id == id) return candidate_json(c);
    }
    return {{"id", std::to_string(id)}, {"title", "مقال لم يعد موجودًا"}, {"section", ""}};
  };
  auto items = [&](const std::vector<Id>& ids, const char* list, auto&& json_of) {
    nlohmann::json out = nlohmann::json::array();
    for (size_t i = 0; i < ids.size(); ++i) {
      nlohmann::json j = json_of(ids[i]);
      j["list"] = list;
      j["index"] = std::to_string(i);
      j["can_up"] = i > 0;
      j["can_down"] = i + 1 < ids.size();
      out.push_back(std::move(j));
    }
    return out;
  };
  auto section_json = [&](Id id) -> nlohmann::json {
    for (const NamedItem& s : sections) {
      if (s.id == id) return {{"id", std::to_string(id)}, {"title", s.name}, {"section", ""}};
    }
    return {{"id", std::to_string(id)}, {"title", "قسم لم يعد موجودًا"}, {"section", ""}};
  };
  nlohmann::json lead_items = nlohmann::json::array();
  if (layout.lead) {
    nlohmann::json j = describe(layout.lead);
    j["list"] = "lead";
    j["index"] = "0";
    lead_items.push_back(std::move(j));
  }
  nlohmann::json other_sections = nlohmann::json::array();
  nlohmann::json opinion_options = nlohmann::json::array();
  for (const NamedItem& s : sections) {
    if (std::find(layout.sections.begin(), layout.sections.end(), s.id) == layout.sections.end()) {
      other_sections.push_back({{"id", std::to_string(s.id)}, {"name", s.name}});
    }
    opinion_options.push_back(
        {{"id", std::to_string(s.id)}, {"name", s.name}, {"selected", s.id == layout.opinion_section}});
  }
  nlohmann::json results = nlohmann::json::array();
  {
    // Titles containing the query; without one, the latest published.
    std::vector<HomeCandidate> found;
    if (!home_.Search(query, kSearchResults, &found).ok()) return server_error();
    for (const HomeCandidate& c : found) {
      nlohmann::json j = candidate_json(c);
      j["is_lead"] = c.id == layout.lead;
      j["is_featured"] = std::find(layout.featured.begin(), layout.featured.end(), c.id) != layout.featured.end();
      results.push_back(std::move(j));
    }
  }
  nlohmann::json view = {{"title", "الصفحة الرئيسية"},
                         {"lead_value", layout.lead ? std::to_string(layout.lead) : ""},
                         {"featured_value", IdText(layout.featured)},
                         {"sections_value", IdText(layout.sections)},
                         {"lead_items", lead_items},
                         {"featured_items", items(layout.featured, "featured", describe)},
                         {"section_items", items(layout.sections, "sections", section_json)},
                         {"has_other_sections", !other_sections.empty()},
                         {"other_sections", other_sections},
                         {"opinion_options", opinion_options},
                         {"no_opinion", layout.opinion_section == 0},
                         {"q", query},
                         {"results", results},
                         {"has_results", !results.empty()},
                         {"featured_max", "أربعة"}};
  if (!error.empty()) view["error"] = error;
  if (!notice.empty()) view["notice"] = notice;
  if (v.query.count("done") && v.query.at("done") == "saved") {
    view["notice"] = "حُفظت الصفحة الرئيسية، وهي الآن كما يراها القراء.";
  }
  return Page(v, error.empty() ? 200 : 400, "home", view);
}

}  // namespace qalam
