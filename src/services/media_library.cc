#include "services/media_library.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/files.h"
#include "core/parallel.h"
#include "core/text.h"
#include "media/image.h"
#include "media/image_credit.h"

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

// What an upload must have besides the image: a description, and a place.
Status CheckUpload(const std::string& alt, const std::string& dir) {
  if (alt.empty()) return Status::Invalid("اكتب وصفًا للصورة لمن لا يراها (النص البديل)، فهو مطلوب.");
  if (CountCodePoints(alt) > kMediaAltMaxChars) return Status::Invalid("وصف الصورة أطول من المسموح (٣٠٠ حرف).");
  if (dir.empty()) return Status::Invalid("لا مكان لحفظ الصور في هذا الخادم.");
  return Status::Ok();
}

MediaItem ItemOf(const ProcessedImage& image, const std::string& alt, Id user, int64_t now) {
  MediaItem item;
  item.hash = image.original_hash;
  item.mime = MimeType(image.type);
  item.width = image.width;
  item.height = image.height;
  item.alt = alt;
  item.uploaded_by = user;
  item.created_at = now;
  for (const ImageVariant& var : image.variants) {
    item.variants.push_back(MediaVariant{var.width, var.height, var.mime, var.file_name, ""});
  }
  for (const ImageVariant& var : image.crops) {
    item.crops.push_back(MediaVariant{var.width, var.height, var.mime, var.file_name, var.aspect});
  }
  return item;
}

void Audit(Store& store, const MediaItem& item, Id user, int64_t now) {
  if (Status a = store.AppendAudit(
          AuditEntry{0, now, user, "", "media.upload", "media:" + std::to_string(item.id), item.alt});
      !a.ok()) {
    spdlog::warn("cannot write the audit log: {}", a.message());
  }
}

// The variant key of a served name "KEY-WIDTH.EXT"; "" when it has none.
std::string KeyOf(const std::string& name) {
  const size_t dash = name.find('-');
  if (dash != 16) return "";
  return name.substr(0, dash);
}

}  // namespace

Status MediaLibrary::Upload(std::string_view bytes, const std::string& alt, Id user, int64_t now, MediaItem* out,
                            bool* created) {
  *created = false;
  if (Status st = CheckUpload(alt, dir_); !st.ok()) return st;
  ProcessedImage image;
  if (Status st = ProcessImage(bytes, ImageLimits{}, &image); !st.ok()) return Status::Invalid(st.message());

  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  MediaItem item = ItemOf(image, alt, user, now);
  item.credit = ReadImageCredit(bytes);  // Before it is gone: the variants keep no metadata.
  std::vector<std::string> written;
  bool ok = !ec;
  std::vector<const ImageVariant*> files;
  for (const ImageVariant& var : image.variants) files.push_back(&var);
  for (const ImageVariant& var : image.crops) files.push_back(&var);
  for (const ImageVariant* file : files) {
    const ImageVariant& var = *file;
    if (!ok) break;
    // Files are never rewritten: the same name holds the same image.
    if (!std::filesystem::exists(std::filesystem::path(dir_) / var.file_name)) {
      ok = WriteFileAtomically(dir_, var.file_name, var.bytes);
      if (ok) written.push_back(var.file_name);
    }
  }
  Status st = ok ? store_.SaveMedia(&item, created) : Status::Io("cannot write the image files");
  if (!st.ok()) {
    for (const std::string& name : written) std::filesystem::remove(std::filesystem::path(dir_) / name, ec);
    return st.IsInvalid() ? Status::Io(st.message()) : st;
  }
  if (*created) Audit(store_, item, user, now);
  *out = std::move(item);
  return Status::Ok();
}

Status MediaLibrary::AddForLater(std::string_view bytes, const std::string& alt, Id user, int64_t now,
                                 MediaItem* out, bool* created) {
  *created = false;
  if (Status st = CheckUpload(alt, dir_); !st.ok()) return st;
  ProcessedImage plan;
  if (Status st = PlanImage(bytes, ImageLimits{}, &plan); !st.ok()) return Status::Invalid(st.message());
  MediaItem item = ItemOf(plan, alt, user, now);
  item.credit = ReadImageCredit(bytes);
  PendingMedia pending;
  pending.variant_key = plan.variant_key;
  pending.original = plan.variant_key + "." + Extension(plan.type);
  std::error_code ec;
  std::filesystem::create_directories(OriginalsDir(), ec);
  // Written before the row, which is what makes anyone look for it; an
  // original left by a failed save is overwritten by the next try.
  if (ec || !WriteFileAtomically(OriginalsDir(), pending.original, std::string(bytes))) {
    return Status::Io("cannot write the image's original under " + OriginalsDir());
  }
  Status st = store_.SaveMediaPending(&item, &pending, created);
  if (!st.ok() || !*created) {
    // Not saved, or these bytes were saved before (with their variants made,
    // or with their own original waiting under the same name).
    PendingMedia existing;
    if (!st.ok() || !store_.FindPendingMedia(pending.variant_key, &existing).ok()) {
      std::filesystem::remove(std::filesystem::path(OriginalsDir()) / pending.original, ec);
    }
    if (!st.ok()) return st.IsInvalid() ? Status::Io(st.message()) : st;
  } else {
    Audit(store_, item, user, now);
  }
  *out = std::move(item);
  return Status::Ok();
}

Status MediaLibrary::MakePending(const PendingMedia& pending) {
  std::unique_lock<std::mutex> lock(mu_);
  done_.wait(lock, [&] { return !in_flight_.count(pending.media_id); });
  in_flight_.insert(pending.media_id);
  lock.unlock();
  Status st = MakeNow(pending);
  lock.lock();
  in_flight_.erase(pending.media_id);
  done_.notify_all();
  return st;
}

Status MediaLibrary::MakeNow(const PendingMedia& asked) {
  // Read again: it may have been made (here or by another process) or have
  // failed since it was listed.
  PendingMedia pending;
  if (Status st = store_.FindPendingMedia(asked.variant_key, &pending); !st.ok()) {
    return st.IsNotFound() ? Status::Ok() : st;
  }
  if (!pending.failure.empty()) return Status::Invalid(pending.failure);
  MediaItem item;
  if (Status st = store_.GetMedia(pending.media_id, &item); !st.ok()) {
    return st.IsNotFound() ? store_.FinishPendingMedia(pending.media_id) : st;
  }
  const std::filesystem::path original = std::filesystem::path(OriginalsDir()) / pending.original;
  std::string bytes;
  if (!ReadWholeFile(original.string(), &bytes)) {
    // Another process may have made the variants and removed it meanwhile.
    PendingMedia again;
    if (store_.FindPendingMedia(pending.variant_key, &again).IsNotFound()) return Status::Ok();
    const std::string why = "الملف الأصلي للصورة مفقود (" + original.string() + ").";
    if (Status st = store_.FailPendingMedia(pending.media_id, why); !st.ok()) return st;
    spdlog::error("media {}: the original {} is missing", pending.media_id, original.string());
    return Status::Invalid(why);
  }
  ProcessedImage plan;
  for (const MediaVariant& v : item.variants) plan.variants.push_back(ImageVariant{v.width, v.height, v.mime, v.file, "", ""});
  for (const MediaVariant& v : item.crops) plan.crops.push_back(ImageVariant{v.width, v.height, v.mime, v.file, "", v.aspect});
  if (Status st = MakeVariants(bytes, ImageLimits{}, &plan); !st.ok()) {
    if (!st.IsInvalid()) return st;  // Ours, not the file's: try again later.
    if (Status f = store_.FailPendingMedia(pending.media_id, st.message()); !f.ok()) return f;
    spdlog::warn("media {}: its variants cannot be made: {}", pending.media_id, st.message());
    return st;
  }
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  std::vector<const ImageVariant*> files;
  for (const ImageVariant& var : plan.variants) files.push_back(&var);
  for (const ImageVariant& var : plan.crops) files.push_back(&var);
  for (const ImageVariant* file : files) {
    const ImageVariant& var = *file;
    if (std::filesystem::exists(std::filesystem::path(dir_) / var.file_name)) continue;
    if (!WriteFileAtomically(dir_, var.file_name, var.bytes)) {
      return Status::Io("cannot write " + dir_ + "/" + var.file_name);
    }
  }
  if (Status st = store_.FinishPendingMedia(pending.media_id); !st.ok()) return st;
  std::filesystem::remove(original, ec);
  return Status::Ok();
}

Status MediaLibrary::EnsureFile(const std::string& name) {
  if (dir_.empty()) return Status::NotFound("this server keeps no images");
  if (std::filesystem::exists(std::filesystem::path(dir_) / name)) return Status::Ok();
  const std::string key = KeyOf(name);
  if (key.empty()) return Status::NotFound("no image " + name);
  PendingMedia pending;
  if (Status st = store_.FindPendingMedia(key, &pending); !st.ok()) return st;
  if (Status st = MakePending(pending); !st.ok()) return st.IsInvalid() ? Status::NotFound(st.message()) : st;
  if (std::filesystem::exists(std::filesystem::path(dir_) / name)) return Status::Ok();
  return Status::NotFound("no image " + name);
}

Status MediaLibrary::MakeAllPending(int threads, const std::function<void(int64_t, int64_t)>& progress,
                                    int64_t* made, int64_t* failed) {
  *made = *failed = 0;
  std::vector<PendingMedia> todo;
  if (Status st = store_.ListPendingMedia(false, INT64_MAX, &todo); !st.ok()) return st;
  std::atomic<int64_t> bad{0}, errors{0};
  std::mutex error_mu;
  Status error = Status::Ok();
  const int64_t total = static_cast<int64_t>(todo.size());
  ParallelFor(
      todo.size(), static_cast<unsigned>(std::max(1, threads)),
      [&](size_t i) {
        Status st = MakePending(todo[i]);
        if (st.IsInvalid()) {
          ++bad;
        } else if (!st.ok()) {
          ++errors;
          std::lock_guard<std::mutex> lock(error_mu);
          if (error.ok()) error = st;
        }
      },
      [&](size_t done) {
        if (progress) progress(static_cast<int64_t>(done), total);
      },
      std::chrono::milliseconds(200));
  *failed = bad;
  *made = total - bad - errors;
  return error;
}

Status MediaLibrary::SetAlt(Id id, const std::string& alt) {
  if (alt.empty() || CountCodePoints(alt) > kMediaAltMaxChars) {
    return Status::Invalid("اكتب وصفًا للصورة (حتى ٣٠٠ حرف) لمن لا يراها.");
  }
  return store_.SetMediaAlt(id, alt);
}

Status MediaLibrary::SetCaptionCredit(Id id, const std::string& caption, const std::string& credit) {
  if (CountCodePoints(caption) > kMediaCaptionMaxChars) {
    return Status::Invalid("تعليق الصورة أطول من المسموح (٣٠٠ حرف).");
  }
  if (CountCodePoints(credit) > kMediaCreditMaxChars) {
    return Status::Invalid("اسم صاحب حقوق الصورة أطول من المسموح (٢٠٠ حرف).");
  }
  return store_.SetMediaCaptionCredit(id, caption, credit);
}

}  // namespace qalam
