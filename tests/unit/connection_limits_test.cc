// The HTTP server's connection bookkeeping (web/connection_limits.h): the
// per-address limit and which connection a full server sheds.
#include <gtest/gtest.h>

#include "web/connection_limits.h"

namespace qalam {
namespace {

using Phase = ConnectionLimits::Phase;
using Verdict = ConnectionLimits::Verdict;

TEST(ClientAddressKey, IPv4AsItIsIPv6ByItsSlash64) {
  EXPECT_EQ(ClientAddressKey("203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(ClientAddressKey("::ffff:203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(ClientAddressKey("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(ClientAddressKey("2001:db8:1:2:bbbb::9"), ClientAddressKey("2001:db8:1:2:aaaa::1"));
  EXPECT_NE(ClientAddressKey("2001:db8:1:3::1"), ClientAddressKey("2001:db8:1:2::1"));
}

TEST(ConnectionLimits, OneAddressIsHeldToItsLimitOthersAreNot) {
  ConnectionLimits limits(100, 2);
  auto a = limits.Admit("10.0.0.1");
  auto b = limits.Admit("10.0.0.1");
  EXPECT_EQ(a.verdict, Verdict::kAdmit);
  EXPECT_EQ(b.verdict, Verdict::kAdmit);
  EXPECT_EQ(limits.Admit("10.0.0.1").verdict, Verdict::kOverAddressLimit);
  EXPECT_EQ(limits.Admit("10.0.0.2").verdict, Verdict::kAdmit);
  EXPECT_EQ(limits.open_from("10.0.0.1"), 2u);
  EXPECT_EQ(limits.open(), 3u);
  limits.Remove(a.id);
  EXPECT_EQ(limits.Admit("10.0.0.1").verdict, Verdict::kAdmit) << "a slot given back is the address's again";
}

TEST(ConnectionLimits, ZeroPerAddressMeansNoLimit) {
  ConnectionLimits limits(1000, 0);
  for (int i = 0; i < 500; ++i) ASSERT_EQ(limits.Admit("10.0.0.1").verdict, Verdict::kAdmit) << i;
}

TEST(ConnectionLimits, FullShedsTheOldestHeaderWaitThenTheOldestBodyNeverABusyOne) {
  ConnectionLimits limits(4, 0);
  auto busy = limits.Admit("a");
  auto body = limits.Admit("a");
  auto header_old = limits.Admit("a");
  auto header_new = limits.Admit("a");
  limits.SetPhase(busy.id, Phase::kBusy);
  limits.SetPhase(body.id, Phase::kBody);
  limits.SetPhase(header_old.id, Phase::kHeader);  // Already: new connections wait for a header.
  limits.SetPhase(header_new.id, Phase::kHeader);

  auto first = limits.Admit("b");
  limits.SetPhase(first.id, Phase::kBusy);
  EXPECT_EQ(first.verdict, Verdict::kAdmit);
  EXPECT_EQ(first.shed, header_old.id);
  EXPECT_EQ(first.shed_phase, Phase::kHeader);
  EXPECT_TRUE(limits.IsShed(header_old.id));
  limits.Remove(header_old.id);

  auto second = limits.Admit("b");
  limits.SetPhase(second.id, Phase::kBusy);
  EXPECT_EQ(second.shed, header_new.id);
  limits.Remove(header_new.id);

  auto third = limits.Admit("b");
  limits.SetPhase(third.id, Phase::kBusy);
  EXPECT_EQ(third.shed, body.id) << "no header wait left: the oldest body";
  EXPECT_EQ(third.shed_phase, Phase::kBody);
  limits.Remove(body.id);

  // Now busy, first, second and third: all busy.
  EXPECT_EQ(limits.Admit("b").verdict, Verdict::kFull);
  EXPECT_FALSE(limits.IsShed(busy.id));
}

TEST(ConnectionLimits, AWaitThatStartsAgainGoesToTheBackOfTheLine) {
  ConnectionLimits limits(2, 0);
  auto a = limits.Admit("x");
  auto b = limits.Admit("x");
  limits.SetPhase(a.id, Phase::kHeader);
  limits.SetPhase(b.id, Phase::kHeader);
  limits.SetPhase(a.id, Phase::kBusy);    // a's header arrived, it was answered,
  limits.SetPhase(a.id, Phase::kHeader);  // and it waits for its next request.
  EXPECT_EQ(limits.Admit("y").shed, b.id);
}

TEST(ConnectionLimits, ANewConnectionWaitsForItsHeaderFromTheAccept) {
  ConnectionLimits limits(2, 0);
  auto a = limits.Admit("x");
  auto b = limits.Admit("x");
  limits.SetPhase(b.id, Phase::kHeader);  // b's first read may start before a's:
  limits.SetPhase(a.id, Phase::kHeader);  // a still waited longest.
  EXPECT_EQ(limits.Admit("y").shed, a.id);
}

TEST(ConnectionLimits, AShedConnectionStillWaitingStaysShed) {
  ConnectionLimits limits(1, 0);
  auto a = limits.Admit("x");
  EXPECT_EQ(limits.Admit("y").shed, a.id);
  limits.SetPhase(a.id, Phase::kHeader);  // Its first read starts after it was chosen.
  EXPECT_TRUE(limits.IsShed(a.id));
}

TEST(ConnectionLimits, AShedConnectionThatMovedOnIsNoLongerShed) {
  ConnectionLimits limits(1, 0);
  auto a = limits.Admit("x");
  limits.SetPhase(a.id, Phase::kHeader);
  auto b = limits.Admit("y");
  EXPECT_EQ(b.shed, a.id);
  limits.SetPhase(a.id, Phase::kBusy);  // Its header completed before the close reached it.
  EXPECT_FALSE(limits.IsShed(a.id));
  limits.Remove(a.id);
  limits.Remove(b.id);
  EXPECT_EQ(limits.open(), 0u);
  EXPECT_EQ(limits.open_from("x"), 0u);
}

}  // namespace
}  // namespace qalam

namespace qalam {
namespace {

// Open streams (/live) go last, oldest first: a reader's browser reconnects
// by itself, a waiting request header or body may be a reader's page.
TEST(ConnectionLimits, FullShedsStreamsOnlyAfterWaitsOldestFirst) {
  using Phase = ConnectionLimits::Phase;
  ConnectionLimits limits(3, 0);
  auto old_stream = limits.Admit("a");
  auto new_stream = limits.Admit("a");
  auto header = limits.Admit("a");
  limits.SetPhase(old_stream.id, Phase::kStream);
  limits.SetPhase(new_stream.id, Phase::kStream);
  auto first = limits.Admit("b");
  EXPECT_EQ(first.shed, header.id);
  limits.SetPhase(first.id, Phase::kBusy);
  limits.Remove(header.id);
  auto second = limits.Admit("b");
  EXPECT_EQ(second.shed, old_stream.id);
  EXPECT_EQ(second.shed_phase, Phase::kStream);
  EXPECT_TRUE(limits.IsShed(old_stream.id));
  EXPECT_FALSE(limits.IsShed(new_stream.id));
}

}  // namespace
}  // namespace qalam
