// The media library (web/admin_media.cc): uploads judged and resized by
// media/image.h, their variants written under the site's media directory,
// reused by number in any article, each with a description for those who
// cannot see it. A rejected file leaves nothing behind: variants are
// written to temporary names and renamed into place only when all are
// written, and the row only then. Uploads are audited (media.upload).
//
// An import cannot wait for every image's variants (about 0.4 s of CPU
// each): AddForLater checks the header, keeps the original privately under
// DIR/media/.originals/ and saves the item with its planned variants
// (media/image.h PlanImage), so that pages name them at once. They are made
// afterwards by MediaWorker in `qalam serve`, by `qalam media variants`, or
// by the first request for one of them (EnsureFile), whichever comes first;
// each item is made once however many threads ask, and the original is
// deleted when its variants are written (it still holds EXIF and GPS).
#pragma once
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "store/store.h"

namespace qalam {

constexpr size_t kMediaAltMaxChars = 300;
constexpr size_t kMediaCaptionMaxChars = 300;
constexpr size_t kMediaCreditMaxChars = 200;

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
  // The image's caption and credit (either may be empty; one line each,
  // NFC, trimmed by the caller): Invalid (Arabic) when too long; NotFound
  // when there is no such item. An upload's credit comes from the file
  // (media/image_credit.h).
  Status SetCaptionCredit(Id id, const std::string& caption, const std::string& credit);

  // Upload's checks on the header only; keeps the original and saves the
  // item with its planned variants, to be made later (see above). Pixels
  // broken past the header are found when the variants are made: the item
  // is then marked failed (ListFailed) and its variants answer 404.
  Status AddForLater(std::string_view bytes, const std::string& alt, Id user, int64_t now, MediaItem* item,
                     bool* created);
  // Makes the variants of one waiting item, unless another thread or
  // process has. Invalid (the failure, in Arabic) when its original cannot
  // be decoded: the item is marked failed. Io when files cannot be written.
  Status MakePending(const PendingMedia& pending);
  // Before serving /media/NAME: Ok when the file is there, or was waiting
  // and has just been made; NotFound when there is no such variant.
  Status EnsureFile(const std::string& name);
  // Makes every waiting item's variants on `threads` threads, calling
  // `progress(done, total)` from this thread now and then. *made and
  // *failed count the items.
  Status MakeAllPending(int threads, const std::function<void(int64_t, int64_t)>& progress, int64_t* made,
                        int64_t* failed);
  // Items waiting (up to `limit`), and those whose variants could not be made.
  Status ListWaiting(int64_t limit, std::vector<PendingMedia>* out) { return store_.ListPendingMedia(false, limit, out); }
  Status ListFailed(int64_t limit, std::vector<PendingMedia>* out) { return store_.ListPendingMedia(true, limit, out); }

 private:
  Status MakeNow(const PendingMedia& pending);
  std::string OriginalsDir() const { return dir_ + "/.originals"; }

  Store& store_;
  const std::string dir_;
  // Items whose variants a thread of this process is making.
  std::mutex mu_;
  std::condition_variable done_;
  std::set<Id> in_flight_;
};

}  // namespace qalam
