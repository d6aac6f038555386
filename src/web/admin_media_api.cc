// The media library as JSON for the desk's rich editor (/admin/media/api,
// under /admin/media so that an upload gets the upload body limit):
// GET lists a page of images to pick from (for the body or the featured
// image), POST uploads one in place (multipart: csrf, file, alt) through the
// same service and checks as /admin/media, and answers the new item or an
// Arabic error. Roles and the anti-forgery token are checked as for every
// desk request (admin_handler.cc) and here as for the media library.
#include <spdlog/spdlog.h>

#include <charconv>

#include "core/roles.h"
#include "core/text.h"
#include "web/admin_handler.h"
#include "web/admin_visit.h"

namespace qalam {

namespace {

constexpr int64_t kPickerPerPage = 30;

HttpReply Json(int status, const nlohmann::json& body) {
  HttpReply r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.cache_control = "no-store";
  r.body = std::make_shared<const std::string>(body.dump());
  return r;
}

// What the editor needs of an image: the URL a body names (the largest size
// in its own format, as pages do), a thumbnail for the grid, its size, alt.
nlohmann::json ItemJson(const MediaItem& m) {
  std::string thumb;
  for (const MediaVariant& var : m.variants) {
    if (var.mime == m.mime || (m.mime != "image/webp" && var.mime != "image/webp")) {
      thumb = "/media/" + var.file;
      break;
    }
  }
  const MediaVariant* largest = LargestOwnFormat(m.variants);
  const std::string url = largest ? "/media/" + largest->file : thumb;
  if (thumb.empty()) thumb = url;
  return {{"id", m.id}, {"alt", m.alt}, {"url", url}, {"thumb", thumb},
          {"width", m.width}, {"height", m.height}};
}

}  // namespace

HttpReply AdminHandler::MediaApi(Visit& v) {
  if (!Can(v.user.role, Action::kWriteDraft)) {
    return Json(403, {{"error", "دورك لا يتيح رفع الصور أو استعمالها."}});
  }
  if (v.post) {
    const FormPart* file = nullptr;
    for (const FormPart& part : v.files) {
      if (part.name == "file") file = &part;
    }
    if (!file || file->data.empty()) return Json(400, {{"error", "اختر ملف صورة لرفعه."}});
    MediaItem item;
    bool created = false;
    Status st = media_.Upload(file->data, Trim(ToNfc(v.Form("alt"))), v.user.id, v.now, &item, &created);
    if (st.IsInvalid()) return Json(400, {{"error", st.message()}});
    if (!st.ok()) {
      spdlog::error("media upload failed: {}", st.message());
      return Json(500, {{"error", "تعذّر حفظ الصورة، حاول بعد قليل."}});
    }
    return Json(created ? 201 : 200, {{"item", ItemJson(item)}, {"created", created}});
  }
  const int64_t page = v.PageNumber();
  std::vector<MediaItem> items;
  int64_t total = 0;
  if (!media_.List((page - 1) * kPickerPerPage, kPickerPerPage, &items, &total).ok()) {
    return Json(500, {{"error", "تعذّر قراءة مكتبة الوسائط، حاول بعد قليل."}});
  }
  nlohmann::json list = nlohmann::json::array();
  for (const MediaItem& m : items) list.push_back(ItemJson(m));
  nlohmann::json out = {{"items", list}, {"total", total}, {"page", page}};
  if (page * kPickerPerPage < total) out["next"] = page + 1;
  return Json(200, out);
}

}  // namespace qalam
