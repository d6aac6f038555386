// The media library's images stored for later (AddForLater): planned
// variants, made once by whoever asks first (EnsureFile, MakePending,
// MakeAllPending, MediaWorker), originals deleted when done, broken pixels
// marked failed; over every store backend.
#include "services/media_library.h"

#include <gtest/gtest.h>
#include <vips/vips.h>

#include <atomic>
#include <cstring>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/files.h"
#include "media/image.h"
#include "services/media_worker.h"
#include "store_backends.h"

namespace qalam {
namespace {

using testing_backends::BackendName;
using testing_backends::StoreBackends;
using testing_backends::StoreBackendTest;
namespace fs = std::filesystem;

// A JPEG of width × height whose pixels depend on `seed` (so each is new):
// a ramp in red, blue from the seed.
std::string Jpeg(int width, int height, int seed) {
  VipsImage *gx = nullptr, *r = nullptr, *rg = nullptr, *rgb = nullptr, *u = nullptr;
  EXPECT_EQ(0, vips_grey(&gx, width, height, nullptr));
  EXPECT_EQ(0, vips_linear1(gx, &r, 255.0, 0.0, nullptr));
  EXPECT_EQ(0, vips_bandjoin_const1(r, &rg, 40.0, nullptr));
  EXPECT_EQ(0, vips_bandjoin_const1(rg, &rgb, static_cast<double>((seed * 37) % 256), nullptr));
  EXPECT_EQ(0, vips_cast_uchar(rgb, &u, nullptr));
  void* buf = nullptr;
  size_t len = 0;
  EXPECT_EQ(0, vips_jpegsave_buffer(u, &buf, &len, "Q", 90, nullptr));
  std::string out(static_cast<const char*>(buf), len);
  g_free(buf);
  for (VipsImage* i : {gx, r, rg, rgb, u}) g_object_unref(i);
  return out;
}

size_t FilesIn(const std::string& dir) {
  std::error_code ec;
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir, ec)) n += e.is_regular_file() ? 1 : 0;
  return n;
}

class MediaLaterTest : public StoreBackendTest {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(InitImageLibrary("media_library_test").ok()); }
  void SetUp() override {
    StoreBackendTest::SetUp();
    media_dir_ = dir_ + "/media";
  }
  MediaItem Add(MediaLibrary& media, const std::string& bytes, bool expect_created = true) {
    MediaItem item;
    bool created = false;
    Status st = media.AddForLater(bytes, "صورة", 0, 1700000000, &item, &created);
    EXPECT_TRUE(st.ok()) << st.message();
    EXPECT_EQ(expect_created, created);
    return item;
  }
  std::string media_dir_;
};

TEST_P(MediaLaterTest, StoresTheOriginalAndThePlanAndMakesTheVariantsOnFirstRequest) {
  MediaLibrary media(*store_, media_dir_);
  const std::string jpeg = Jpeg(1200, 800, 1);
  MediaItem item = Add(media, jpeg);
  ASSERT_GT(item.id, 0);
  // The plan is what ProcessImage would have made, names and sizes.
  ProcessedImage made;
  ASSERT_TRUE(ProcessImage(jpeg, ImageLimits{}, &made).ok());
  ASSERT_EQ(made.variants.size(), item.variants.size());
  for (size_t i = 0; i < made.variants.size(); ++i) {
    EXPECT_EQ(made.variants[i].file_name, item.variants[i].file);
    EXPECT_EQ(made.variants[i].width, item.variants[i].width);
    EXPECT_EQ(made.variants[i].height, item.variants[i].height);
  }
  MediaItem stored;
  ASSERT_TRUE(media.Get(item.id, &stored).ok());
  EXPECT_EQ(item.variants.size(), stored.variants.size());
  // Nothing served yet: only the private original.
  EXPECT_EQ(0u, FilesIn(media_dir_));
  EXPECT_EQ(1u, FilesIn(media_dir_ + "/.originals"));
  std::vector<PendingMedia> waiting;
  ASSERT_TRUE(media.ListWaiting(10, &waiting).ok());
  ASSERT_EQ(1u, waiting.size());
  EXPECT_EQ(item.id, waiting[0].media_id);
  EXPECT_EQ(made.variant_key, waiting[0].variant_key);

  // The same bytes again: the same item, still one original.
  MediaItem again = Add(media, jpeg, false);
  EXPECT_EQ(item.id, again.id);
  EXPECT_EQ(1u, FilesIn(media_dir_ + "/.originals"));

  // A name that is no variant of a waiting image: nothing to make.
  EXPECT_TRUE(media.EnsureFile(made.variant_key + "-777.jpg").IsNotFound());
  EXPECT_TRUE(media.EnsureFile("0123456789abcdef-640.jpg").IsNotFound());
  EXPECT_TRUE(media.EnsureFile("no-key.jpg").IsNotFound());
  // But the first request for any variant makes them all.
  ASSERT_TRUE(media.EnsureFile(item.variants[1].file).ok());
  EXPECT_EQ(made.variants.size() + made.crops.size(), FilesIn(media_dir_)) << "the sizes and the crops";
  ASSERT_EQ(3u, item.crops.size());
  for (const auto* list : {&made.variants, &made.crops}) {
    for (const ImageVariant& v : *list) {
      std::string bytes;
      ASSERT_TRUE(ReadWholeFile(media_dir_ + "/" + v.file_name, &bytes)) << v.file_name;
      EXPECT_EQ(v.bytes, bytes) << v.file_name;
    }
  }
  EXPECT_EQ(0u, FilesIn(media_dir_ + "/.originals"));  // it held the EXIF: gone
  ASSERT_TRUE(media.ListWaiting(10, &waiting).ok());
  EXPECT_TRUE(waiting.empty());
  EXPECT_TRUE(media.EnsureFile(item.variants[0].file).ok());
}

TEST_P(MediaLaterTest, ManyThreadsAskingMakeItOnce) {
  MediaLibrary media(*store_, media_dir_);
  MediaItem item = Add(media, Jpeg(900, 600, 2));
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      if (media.EnsureFile(item.variants[t % item.variants.size()].file).ok()) ++ok;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(8, ok.load());
  // A crop's name makes them too.
  EXPECT_TRUE(media.EnsureFile(item.crops.back().file).ok());
  EXPECT_EQ(item.variants.size() + item.crops.size(), FilesIn(media_dir_));  // no temporary file left
  EXPECT_EQ(0u, FilesIn(media_dir_ + "/.originals"));
}

TEST_P(MediaLaterTest, BrokenPixelsAreMarkedFailedNotRetried) {
  MediaLibrary media(*store_, media_dir_);
  const std::string jpeg = Jpeg(800, 600, 3);
  MediaItem item = Add(media, jpeg.substr(0, jpeg.size() / 2));  // the header passes
  std::vector<PendingMedia> waiting;
  ASSERT_TRUE(media.ListWaiting(10, &waiting).ok());
  ASSERT_EQ(1u, waiting.size());
  Status st = media.MakePending(waiting[0]);
  EXPECT_TRUE(st.IsInvalid()) << st.message();
  EXPECT_NE(std::string::npos, st.message().find("تالف")) << st.message();
  std::vector<PendingMedia> failed;
  ASSERT_TRUE(media.ListFailed(10, &failed).ok());
  ASSERT_EQ(1u, failed.size());
  EXPECT_EQ(item.id, failed[0].media_id);
  ASSERT_TRUE(media.ListWaiting(10, &waiting).ok());
  EXPECT_TRUE(waiting.empty());
  EXPECT_TRUE(media.EnsureFile(item.variants[0].file).IsNotFound());
  EXPECT_EQ(0u, FilesIn(media_dir_));
}

TEST_P(MediaLaterTest, MakeAllPendingCountsWhatWasMadeAndWhatFailed) {
  MediaLibrary media(*store_, media_dir_);
  for (int i = 0; i < 4; ++i) Add(media, Jpeg(640 + 16 * i, 480, 10 + i));
  const std::string broken = Jpeg(700, 500, 20);
  Add(media, broken.substr(0, broken.size() / 2));
  int64_t made = 0, failed = 0, last_total = 0, calls = 0;
  Status st = media.MakeAllPending(
      3, [&](int64_t, int64_t total) { last_total = total, ++calls; }, &made, &failed);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(4, made);
  EXPECT_EQ(1, failed);
  EXPECT_EQ(5, last_total);
  EXPECT_GE(calls, 1);
  EXPECT_EQ(1u, FilesIn(media_dir_ + "/.originals"));  // only the broken one's is kept
  // Again: nothing left to do.
  ASSERT_TRUE(media.MakeAllPending(2, nullptr, &made, &failed).ok());
  EXPECT_EQ(0, made);
  EXPECT_EQ(0, failed);
}

TEST_P(MediaLaterTest, AnUploadOfTheSameBytesFinishesNothingTwice) {
  MediaLibrary media(*store_, media_dir_);
  const std::string jpeg = Jpeg(500, 400, 4);
  MediaItem uploaded;
  bool created = false;
  ASSERT_TRUE(media.Upload(jpeg, "صورة", 0, 1700000000, &uploaded, &created).ok());
  EXPECT_TRUE(created);
  // Imported later: it is the uploaded item, with nothing waiting and no original kept.
  MediaItem imported = Add(media, jpeg, false);
  EXPECT_EQ(uploaded.id, imported.id);
  std::vector<PendingMedia> waiting;
  ASSERT_TRUE(media.ListWaiting(10, &waiting).ok());
  EXPECT_TRUE(waiting.empty());
  EXPECT_EQ(0u, FilesIn(media_dir_ + "/.originals"));
}

TEST_P(MediaLaterTest, TheWorkerMakesWhatAnotherProcessAdded) {
  MediaLibrary media(*store_, media_dir_);
  MediaWorker worker(media, std::chrono::milliseconds(50));
  // Added through another connection, as `qalam import` beside `qalam serve`.
  {
    auto other = OpenAgain();
    MediaLibrary importer(*other, media_dir_);
    for (int i = 0; i < 3; ++i) Add(importer, Jpeg(400, 300 + i, 30 + i));
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (worker.made() < 3 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(3, worker.made());
  std::vector<PendingMedia> waiting;
  ASSERT_TRUE(media.ListWaiting(10, &waiting).ok());
  EXPECT_TRUE(waiting.empty());
  EXPECT_EQ(0u, FilesIn(media_dir_ + "/.originals"));
}

// An upload's credit comes from the file (here its XMP) and is kept in the
// store; caption and credit are edited with their limits, and an edit of
// them marks the pages of the articles featuring the image as changed.
TEST_P(MediaLaterTest, AnUploadsCreditIsReadFromTheFileAndEditable) {
  MediaLibrary media(*store_, media_dir_);
  std::string jpeg;
  {
    VipsImage* img = nullptr;
    VipsImage* black = nullptr;
    ASSERT_EQ(0, vips_black(&black, 400, 300, "bands", 3, nullptr));
    ASSERT_EQ(0, vips_copy(black, &img, nullptr));
    const std::string xmp =
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        "<rdf:Description xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\" photoshop:Credit=\"رويترز\"/>"
        "</rdf:RDF></x:xmpmeta>";
    void* copy = g_malloc(xmp.size());
    memcpy(copy, xmp.data(), xmp.size());
    vips_image_set_blob(img, "xmp-data", reinterpret_cast<VipsCallbackFn>(g_free), copy, xmp.size());
    void* buf = nullptr;
    size_t len = 0;
    ASSERT_EQ(0, vips_jpegsave_buffer(img, &buf, &len, nullptr));
    jpeg.assign(static_cast<const char*>(buf), len);
    g_free(buf);
    g_object_unref(img);
    g_object_unref(black);
  }
  MediaItem item;
  bool created = false;
  ASSERT_TRUE(media.Upload(jpeg, "صورة", 0, 1700000000, &item, &created).ok());
  EXPECT_EQ(item.credit, "رويترز");
  MediaItem stored;
  ASSERT_TRUE(media.Get(item.id, &stored).ok());
  EXPECT_EQ(stored.credit, "رويترز");
  EXPECT_EQ(stored.caption, "");

  EXPECT_TRUE(media.SetCaptionCredit(item.id, std::string(301, 'x'), "").IsInvalid());
  EXPECT_TRUE(media.SetCaptionCredit(item.id, "", std::string(201, 'x')).IsInvalid());
  EXPECT_TRUE(media.SetCaptionCredit(item.id + 100, "", "").IsNotFound());
  ASSERT_TRUE(media.SetCaptionCredit(item.id, "الميناء فجرًا", "تصوير: هدى").ok());
  ASSERT_TRUE(media.Get(item.id, &stored).ok());
  EXPECT_EQ(stored.caption, "الميناء فجرًا");
  EXPECT_EQ(stored.credit, "تصوير: هدى");
}

INSTANTIATE_TEST_SUITE_P(Backends, MediaLaterTest, ::testing::ValuesIn(StoreBackends()), BackendName);

}  // namespace
}  // namespace qalam
