// The media library (web/admin_media.cc): uploads judged and resized by
// media/image.h, their variants written under the site's media directory,
// reused by number in any article, each with a description for those who
// cannot see it. A rejected file leaves nothing behind: variants are
// written to temporary names and renamed into place only when all are
// written, and the row only then. Uploads are audited (media.upload).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "store/store.h"

namespace qalam {

constexpr size_t kMediaAltMaxChars = 300;

class MediaLibrary {
 public:
  // `dir` is DIR/media ("" when this server keeps no images).
  MediaLibrary(Store& store, std::string dir) : store_(store), dir_(std::move(dir)) {}

  // Where the variants are, for serving them.
  const std::string& dir() const { return dir_; }

  // Stores an uploaded file with its description `alt` (NFC, trimmed) by
  // `user`. Invalid with an Arabic message fit for the person uploading: no
  // description or one too long, no media directory, a file that is not an
  // acceptable image. Io when the files or the row cannot be written.
  // *created false when the same bytes were uploaded before: that item is
  // given back, its description kept.
  Status Upload(std::string_view bytes, const std::string& alt, Id user, int64_t now, MediaItem* item,
                bool* created);
  Status Get(Id id, MediaItem* out) { return store_.GetMedia(id, out); }
  Status List(int64_t offset, int64_t limit, std::vector<MediaItem>* out, int64_t* total) {
    return store_.ListMedia(offset, limit, out, total);
  }
  // A new description (NFC, trimmed): Invalid (Arabic) when empty or too
  // long; NotFound when there is no such item.
  Status SetAlt(Id id, const std::string& alt);

 private:
  Store& store_;
  const std::string dir_;
};

}  // namespace qalam
