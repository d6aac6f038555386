#include "services/media_library.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>

#include "core/text.h"
#include "media/image.h"

namespace qalam {
namespace {

// Writes `bytes` to `dir/name` through a temporary file; false on failure.
bool WriteFileAtomically(const std::filesystem::path& dir, const std::string& name, const std::string& bytes) {
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

Status MediaLibrary::Upload(std::string_view bytes, const std::string& alt, Id user, int64_t now, MediaItem* out,
                            bool* created) {
  *created = false;
  if (alt.empty()) return Status::Invalid("اكتب وصفًا للصورة لمن لا يراها (النص البديل)، فهو مطلوب.");
  if (CountCodePoints(alt) > kMediaAltMaxChars) return Status::Invalid("وصف الصورة أطول من المسموح (٣٠٠ حرف).");
  if (dir_.empty()) return Status::Invalid("لا مكان لحفظ الصور في هذا الخادم.");
  ProcessedImage image;
  if (Status st = ProcessImage(bytes, ImageLimits{}, &image); !st.ok()) return Status::Invalid(st.message());

  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  MediaItem item;
  item.hash = image.original_hash;
  item.mime = MimeType(image.type);
  item.width = image.width;
  item.height = image.height;
  item.alt = alt;
  item.uploaded_by = user;
  item.created_at = now;
  std::vector<std::string> written;
  bool ok = !ec;
  for (const ImageVariant& var : image.variants) {
    if (!ok) break;
    // Content-named files are never rewritten: the same name holds the same bytes.
    if (!std::filesystem::exists(std::filesystem::path(dir_) / var.file_name)) {
      ok = WriteFileAtomically(dir_, var.file_name, var.bytes);
      if (ok) written.push_back(var.file_name);
    }
    item.variants.push_back(MediaVariant{var.width, var.height, var.mime, var.file_name});
  }
  Status st = ok ? store_.SaveMedia(&item, created) : Status::Io("cannot write the image files");
  if (!st.ok()) {
    for (const std::string& name : written) std::filesystem::remove(std::filesystem::path(dir_) / name, ec);
    return st.IsInvalid() ? Status::Io(st.message()) : st;
  }
  if (Status a = store_.AppendAudit(
          AuditEntry{0, now, user, "", "media.upload", "media:" + std::to_string(item.id), alt});
      !a.ok()) {
    spdlog::warn("cannot write the audit log: {}", a.message());
  }
  *out = std::move(item);
  return Status::Ok();
}

Status MediaLibrary::SetAlt(Id id, const std::string& alt) {
  if (alt.empty() || CountCodePoints(alt) > kMediaAltMaxChars) {
    return Status::Invalid("اكتب وصفًا للصورة (حتى ٣٠٠ حرف) لمن لا يراها.");
  }
  return store_.SetMediaAlt(id, alt);
}

}  // namespace qalam
