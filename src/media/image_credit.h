// Who an uploaded photo is credited to, read from the metadata the camera,
// the agency or the photo desk wrote into it, before ProcessImage strips
// every piece of metadata (media/image.h).
#pragma once
#include <string>
#include <string_view>

namespace qalam {

// The first of, in this order: IPTC IIM 2:110 Credit, 2:80 By-line, 2:116
// Copyright Notice; XMP photoshop:Credit, dc:creator, dc:rights; EXIF
// Artist, Copyright. One line, trimmed, at most 200 characters; "" when the
// file names no one or is not an image ImageType knows. Reads the header
// only; never throws. Calls InitImageLibrary itself if it was not called.
std::string ReadImageCredit(std::string_view bytes);

// The same from the metadata's blocks themselves (exposed for tests):
// `iptc` as libvips gives "iptc-data" (a Photoshop APP13 block of 8BIM
// resources, or bare IIM), `xmp` an XMP packet.
std::string IptcCredit(std::string_view iptc);
std::string XmpCredit(std::string_view xmp);

}  // namespace qalam
