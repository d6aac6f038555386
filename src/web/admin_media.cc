// The media library: upload an image (JPEG, PNG, WebP, GIF, judged by its
// bytes), have its sizes made by libvips (media/image.h), reuse it by its
// number in any article, and edit its description. A rejected file leaves
// nothing behind: variants are written to temporary names and renamed into
// place only when all are written, and the row only then.
#include <spdlog/spdlog.h>

#include <charconv>
#include <filesystem>
#include <fstream>

#include "arabic/dates.h"
#include "core/roles.h"
#include "core/text.h"
#include "media/image.h"
#include "web/admin_handler.h"
#include "web/admin_visit.h"

namespace qalam {

namespace {

constexpr int64_t kMediaPerPage = 24;

// Writes `bytes` to `dir/name` through a temporary file; false on failure.
bool WriteFileAtomically(const std::filesystem::path& dir, const std::string& name,
                         const std::string& bytes) {
  const std::filesystem::path tmp = dir / ("." + name + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.good()) return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, dir / name, ec);
  if (ec) std::filesystem::remove(tmp, ec);
  return !ec;
}

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
    // POST /admin/media/ID: a new description.
    const std::string alt = Trim(ToNfc(v.Form("alt")));
    if (alt.empty() || CountCodePoints(alt) > 300) {
      return Message(v, 400, "وصف غير صالح", "اكتب وصفًا للصورة (حتى ٣٠٠ حرف) لمن لا يراها.");
    }
    Status st = store_.SetMediaAlt(id, alt);
    if (st.IsNotFound()) return Message(v, 404, "الصورة غير موجودة", "لا توجد صورة بهذا الرقم.");
    if (!st.ok()) return Message(v, 500, "خطأ في الخادم", "تعذّر حفظ الوصف، حاول بعد قليل.");
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
    ProcessedImage image;
    if (!file || file->data.empty()) {
      error = "اختر ملف صورة لرفعه.";
    } else if (alt.empty()) {
      error = "اكتب وصفًا للصورة لمن لا يراها (النص البديل)، فهو مطلوب.";
    } else if (CountCodePoints(alt) > 300) {
      error = "وصف الصورة أطول من المسموح (٣٠٠ حرف).";
    } else if (media_dir_.empty()) {
      error = "لا مكان لحفظ الصور في هذا الخادم.";
    } else {
      Status st = ProcessImage(file->data, ImageLimits{}, &image);
      if (!st.ok()) error = st.message();
    }
    if (error.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(media_dir_, ec);
      MediaItem item;
      item.hash = image.original_hash;
      item.mime = MimeType(image.type);
      item.width = image.width;
      item.height = image.height;
      item.alt = alt;
      item.uploaded_by = v.user.id;
      item.created_at = v.now;
      std::vector<std::string> written;
      bool ok = !ec;
      for (const ImageVariant& var : image.variants) {
        if (!ok) break;
        // Content-named files are never rewritten: the same name holds the same bytes.
        if (!std::filesystem::exists(std::filesystem::path(media_dir_) / var.file_name)) {
          ok = WriteFileAtomically(media_dir_, var.file_name, var.bytes);
          if (ok) written.push_back(var.file_name);
        }
        item.variants.push_back(MediaVariant{var.width, var.height, var.mime, var.file_name});
      }
      bool created = false;
      Status st = ok ? store_.SaveMedia(&item, &created) : Status::Io("cannot write the image files");
      if (!st.ok()) {
        spdlog::error("media upload failed: {}", st.message());
        for (const std::string& name : written) std::filesystem::remove(std::filesystem::path(media_dir_) / name, ec);
        error = "تعذّر حفظ الصورة، حاول بعد قليل.";
        status = 500;
      } else {
        store_.AppendAudit(AuditEntry{0, v.now, v.user.id, "", "media.upload", "media:" + std::to_string(item.id),
                                      alt});
        return Redirect("/admin/media?done=" + std::string(created ? "uploaded" : "exists") +
                        "&id=" + std::to_string(item.id));
      }
    }
    if (!error.empty()) {
      view["error"] = error;
      if (status == 200) status = 400;
    }
  }

  int64_t page = 1;
  if (v.query.count("page")) {
    const std::string& p = v.query["page"];
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), page);
    if (ec != std::errc() || end != p.data() + p.size() || page < 1 || page > 100000) page = 1;
  }
  std::vector<MediaItem> items;
  int64_t total = 0;
  if (!store_.ListMedia((page - 1) * kMediaPerPage, kMediaPerPage, &items, &total).ok()) {
    return Message(v, 500, "خطأ في الخادم", "تعذّر قراءة مكتبة الوسائط، حاول بعد قليل.");
  }
  nlohmann::json list = nlohmann::json::array();
  for (const MediaItem& m : items) {
    std::string thumb, largest;
    for (const MediaVariant& var : m.variants) {
      if (thumb.empty() && var.mime != "image/webp") thumb = "/media/" + var.file;
      if (var.mime != "image/webp") largest = "/media/" + var.file;
    }
    list.push_back({{"id", std::to_string(m.id)}, {"alt", m.alt}, {"thumb", thumb}, {"url", largest},
                    {"size", std::to_string(m.width) + "×" + std::to_string(m.height)},
                    {"action", "/admin/media/" + std::to_string(m.id)}});
  }
  view["items"] = list;
  view["total"] = std::to_string(total);
  if (page > 1) view["prev"] = "/admin/media?page=" + std::to_string(page - 1);
  if (page * kMediaPerPage < total) view["next"] = "/admin/media?page=" + std::to_string(page + 1);
  if (v.query.count("done")) {
    const std::string& done = v.query["done"];
    const std::string id_text = v.query.count("id") ? v.query["id"] : "";
    view["notice"] = done == "uploaded" ? "رُفعت الصورة؛ رقمها " + id_text + " لاستعمالها في أي مقال."
                   : done == "exists"   ? "هذه الصورة في المكتبة من قبل؛ رقمها " + id_text + "."
                                        : "حُفظ وصف الصورة.";
  }
  return Page(v, status, "media", view);
}

}  // namespace qalam
