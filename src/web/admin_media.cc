// The media library: upload an image (JPEG, PNG, WebP, GIF, judged by its
// bytes), have its sizes made (services/media_library.h, which writes them),
// reuse it by its number in any article, and edit its description.
#include <spdlog/spdlog.h>

#include <charconv>

#include "core/roles.h"
#include "core/text.h"
#include "web/admin_handler.h"
#include "web/admin_visit.h"
#include "web/http_server.h"

namespace qalam {

namespace {

constexpr int64_t kMediaPerPage = 24;

}  // namespace

HttpReply AdminHandler::MediaRoute(Visit& v) {
  if (!Can(v.user.role, Action::kWriteDraft)) {
    return Message(v, 403, "غير مسموح", "دورك لا يتيح رفع الصور أو استعمالها.");
  }
  Id id = 0;
  if (v.path.rfind("/admin/media/", 0) == 0) {
    const std::string rest = v.path.substr(13);
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), id);
    if (ec != std::errc() || end != rest.data() + rest.size() || id <= 0 || !v.post) {
      return Message(v, 404, "الصفحة غير موجودة", "لا توجد صفحة بهذا العنوان في مكتب التحرير.");
    }
    // POST /admin/media/ID: a new description, and with the library's
    // form its caption and credit too.
    Status st = media_.SetAlt(id, Trim(ToNfc(v.Form("alt"))));
    if (st.IsInvalid()) return Message(v, 400, "وصف غير صالح", st.message());
    if (st.IsNotFound()) return Message(v, 404, "الصورة غير موجودة", "لا توجد صورة بهذا الرقم.");
    if (!st.ok()) return Message(v, 500, "خطأ في الخادم", "تعذّر حفظ الوصف، حاول بعد قليل.");
    if (v.form.count("caption") || v.form.count("credit")) {
      st = media_.SetCaptionCredit(id, OneLine(v.Form("caption")), OneLine(v.Form("credit")));
      if (st.IsInvalid()) return Message(v, 400, "بيانات غير صالحة", st.message() + " حُفظ الوصف وحده.");
      if (!st.ok()) return Message(v, 500, "خطأ في الخادم", "حُفظ الوصف، وتعذّر حفظ التعليق والحقوق؛ حاول بعد قليل.");
    }
    return Redirect("/admin/media?done=alt");
  }

  nlohmann::json view = {{"title", "مكتبة الوسائط"}};
  int status = 200;
  if (v.post) {
    // POST /admin/media: an upload.
    const FormPart* file = nullptr;
    for (const FormPart& part : v.files) {
      if (part.name == "file") file = &part;
    }
    const std::string alt = Trim(ToNfc(v.Form("alt")));
    view["alt"] = alt;
    std::string error;
    if (!file || file->data.empty()) {
      error = "اختر ملف صورة لرفعه.";
    } else {
      MediaItem item;
      bool created = false;
      Status st = media_.Upload(file->data, alt, v.user.id, v.now, &item, &created);
      if (st.IsInvalid()) {
        error = st.message();
      } else if (!st.ok()) {
        spdlog::error("media upload failed: {}", st.message());
        error = "تعذّر حفظ الصورة، حاول بعد قليل.";
        status = 500;
      } else {
        return Redirect("/admin/media?done=" + std::string(created ? "uploaded" : "exists") +
                        "&id=" + std::to_string(item.id));
      }
    }
    if (!error.empty()) {
      view["error"] = error;
      if (status == 200) status = 400;
    }
  }

  const int64_t page = v.PageNumber();
  std::vector<MediaItem> items;
  int64_t total = 0;
  if (!media_.List((page - 1) * kMediaPerPage, kMediaPerPage, &items, &total).ok()) {
    return Message(v, 500, "خطأ في الخادم", "تعذّر قراءة مكتبة الوسائط، حاول بعد قليل.");
  }
  nlohmann::json list = nlohmann::json::array();
  for (const MediaItem& m : items) {
    std::string thumb, largest;
    for (const MediaVariant& var : m.variants) {
      if (thumb.empty() && var.mime != "image/webp") thumb = "/media/" + var.file;
      if (var.mime != "image/webp") largest = "/media/" + var.file;
    }
    list.push_back({{"id", std::to_string(m.id)}, {"alt", m.alt}, {"caption", m.caption}, {"credit", m.credit},
                    {"thumb", thumb}, {"url", largest},
                    {"size", v.Number(m.width) + "×" + v.Number(m.height)},
                    {"action", "/admin/media/" + std::to_string(m.id)}});
  }
  view["items"] = list;
  view["total"] = v.Number(total);
  // The upload limit the server applies under /admin/media (http_server.h).
  view["max_mb"] = v.Number(static_cast<int64_t>(HttpServerOptions{}.max_upload_bytes >> 20));
  if (page > 1) view["prev"] = "/admin/media?page=" + std::to_string(page - 1);
  if (page * kMediaPerPage < total) view["next"] = "/admin/media?page=" + std::to_string(page + 1);
  if (v.query.count("done")) {
    const std::string& done = v.query["done"];
    const std::string id_text = v.query.count("id") ? v.query["id"] : "";
    view["notice"] = done == "uploaded" ? "رُفعت الصورة؛ رقمها " + id_text + " لاستعمالها في أي مقال."
                   : done == "exists"   ? "هذه الصورة في المكتبة من قبل؛ رقمها " + id_text + "."
                                        : "حُفظت بيانات الصورة.";
  }
  return Page(v, status, "media", view);
}

}  // namespace qalam
