package io.kubefile.lang.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * sprig's date functions and time.Time values render exactly as Go's do, with Go's real time
 * package (inside helm-java, same process, same TZ and zone files) as the oracle. Every layout
 * element of Go's reference time appears in at least one layout below; times are fixed UNIX
 * seconds (in and out of daylight saving time) so that the output is deterministic.
 */
class SprigDatesOracleTest {
  /** Every layout element Go knows, each with a separator so that a wrong one shows. */
  static final String ALL_ELEMENTS = "2006|06|January|Jan|1|01|Monday|Mon|2|_2|02|__2|002|15|3|03|4|04|5|05|PM|pm"
      + "|MST|-0700|-07:00|-07|-070000|-07:00:00|Z0700|Z07:00|Z07|Z070000|Z07:00:00|05.000|05.999999999|05,000"
      + "|.9|.000000|_2006|Janx|Monx|Jan2|2006-01-02T15:04:05Z07:00";

  @TempDir
  static Path work;

  static Stream<String> templates() {
    return Stream.of(
        "{{ date \"" + ALL_ELEMENTS + "\" 1700000000 }}",
        "{{ dateInZone \"" + ALL_ELEMENTS + "\" 1690000000 \"America/New_York\" }}",
        "{{ dateInZone \"" + ALL_ELEMENTS + "\" 1700000000 \"Asia/Kolkata\" }}",
        "{{ dateInZone \"" + ALL_ELEMENTS + "\" 1700000000 \"America/St_Johns\" }}",
        "{{ dateInZone \"" + ALL_ELEMENTS + "\" -1000000000 \"Europe/Berlin\" }}",
        "{{ dateInZone \"Mon Jan _2 15:04:05 MST 2006\" 1690000000 \"Europe/Berlin\" }} {{ date_in_zone \"MST\" 1700000000 \"Europe/Berlin\" }}",
        "{{ dateInZone \"MST -07:00\" 1700000000 \"Asia/Dubai\" }} {{ dateInZone \"MST\" 1700000000 \"Australia/Lord_Howe\" }} {{ dateInZone \"MST\" 1690000000 \"Australia/Lord_Howe\" }}",
        "{{ dateInZone \"15:04 MST\" 1700000000 \"Nope/Zone\" }} {{ dateInZone \"15:04 MST\" 1700000000 \"\" }} {{ dateInZone \"15:04 MST\" 1700000000 \"UTC\" }} {{ dateInZone \"15:04 MST\" 1700000000 \"Local\" }}",
        "{{ dateInZone \"2006-01-02 3:04:05 pm\" 1700000000 \"Pacific/Chatham\" }} {{ dateInZone \"MST\" 0 \"Africa/Monrovia\" }}",
        "{{ htmlDate 1700000000 }} {{ htmlDateInZone 1700040000 \"Asia/Tokyo\" }} {{ date \"2006\" (toDate \"2006\" \"1999\") }}",
        "{{ date \"Jan 2 2006 __2 002\" 1704067199 }} {{ date \"__2 002 _2\" 1700000000 }} {{ date \"3PM 03pm\" 1699999200 }}",
        "{{ toDate \"2006-01-02\" \"2017-12-31\" }}|{{ toDate \"2006-01-02T15:04:05Z07:00\" \"2017-12-31T10:11:12.345+05:30\" }}|{{ toDate \"2006-01-02\" \"bad\" }}",
        "{{ toDate \"Jan _2 15:04:05 MST 2006\" \"Feb  3 04:05:06 EST 2020\" }}|{{ toDate \"Mon, 02 Jan 2006 15:04:05 -0700\" \"Tue, 10 Mar 2020 08:00:00 -0000\" }}",
        "{{ toDate \"3:04PM\" \"11:30PM\" }}|{{ toDate \"3:04pm\" \"12:05am\" }}|{{ toDate \"2006-002\" \"2020-060\" }}|{{ toDate \"2006 __2\" \"2021  32\" }}",
        "{{ toDate \"15:04:05\" \"10:11:12.123\" }}|{{ toDate \"15:04:05.000\" \"10:11:12.123\" }}|{{ toDate \"15:04:05.999\" \"10:11:12.1234567891\" }}|{{ toDate \"15:04:05,000\" \"10:11:12,5\" }}",
        "{{ toDate \"January 2 06\" \"february 29 24\" }}|{{ toDate \"Monday 2006\" \"FRIDAY 2024\" }}|{{ toDate \"2006-01-02 MST\" \"2020-01-01 UTC\" }}|{{ toDate \"2006 MST\" \"2020 GMT+3\" }}",
        "{{ toDate \"2006-01-02T15:04:05Z07:00\" \"2020-06-01T00:00:00Z\" }}|{{ toDate \"-07\" \"+05\" }}|{{ toDate \"-070000\" \"-013015\" }}|{{ toDate \"Z07:00:00\" \"+01:02:03\" }}",
        "{{ mustToDate \"2006-01-02\" \"2017-13-01\" }}",
        "{{ mustToDate \"2006-01-02\" \"2017-1-01\" }}",
        "{{ mustToDate \"2006-01-02\" \"2017-02-30\" }}",
        "{{ mustToDate \"2006-01-02\" \"2017-02-03 extra\" }}",
        "{{ mustToDate \"15:04\" \"25:00\" }}",
        "{{ mustToDate \"2006-002\" \"2021-366\" }}",
        "{{ mustToDate \"Jan 2006\" \"Foo 2006\" }}",
        "{{ mustToDate \"2006-01-02 -07:00\" \"2006-01-02 +0700\" }}",
        "{{ $t := toDate \"2006-01-02 15:04:05\" \"2021-03-04 05:06:07\" }}{{ unixEpoch $t }} {{ $t.Unix }} {{ $t.UnixMilli }} {{ $t.UnixNano }} {{ $t.Year }} {{ $t.YearDay }} {{ $t.Day }} {{ $t.Hour }} {{ $t.Minute }} {{ $t.Second }} {{ $t.Nanosecond }}",
        "{{ $t := toDate \"2006-01-02 15:04:05\" \"2021-01-31 05:06:07\" }}{{ $t.AddDate 0 1 0 }}|{{ $t.AddDate 1 -13 400 }}|{{ $t.Add 5400000000000 }}|{{ $t.Format \"Jan 2\" }}|{{ $t.UTC }}|{{ $t.IsZero }}|{{ (toDate \"x\" \"y\").IsZero }}",
        "{{ $t := toDate \"2006-01-02\" \"2021-01-31\" }}{{ $u := toDate \"2006-01-02\" \"2021-02-01\" }}{{ $t.Before $u }} {{ $t.After $u }} {{ $t.Equal $t }} {{ $t.String }}",
        "{{ $t := toDate \"2006-01-02\" \"2021-01-31\" }}{{ dateModify \"1h30m\" $t }}|{{ date_modify \"-1.5h\" $t }}|{{ dateModify \"bad\" $t }}|{{ dateModify \"1h1m1.5s100ms\" $t }}|{{ dateModify \"300ms\" $t }}|{{ dateModify \"1us\" $t }}|{{ dateModify \"2µs\" $t }}|{{ dateModify \".5h\" $t }}|{{ dateModify \"+0\" $t }}",
        "{{ mustDateModify \"5x\" (toDate \"2006\" \"2020\") }}",
        "{{ mustDateModify \"5\" (toDate \"2006\" \"2020\") }}",
        "{{ must_date_modify \"\" (toDate \"2006\" \"2020\") }}",
        "{{ mustDateModify \"1..5h\" (toDate \"2006\" \"2020\") }}",
        "{{ duration \"90\" }} {{ duration \"3725\" }} {{ duration \"x\" }} {{ duration \"-1\" }} {{ duration \"0\" }} {{ duration (int64 86400) }} {{ duration 1.5 }}",
        "{{ durationRound \"2h30m\" }} {{ durationRound \"400h\" }} {{ durationRound \"9000h\" }} {{ durationRound \"1s\" }} {{ durationRound \"1.5s\" }} {{ durationRound \"-3h1s\" }} {{ durationRound \"bad\" }} {{ durationRound (int64 90000000000) }} {{ durationRound \"721h\" }}",
        "{{ typeOf now }} {{ kindOf now }} {{ (now).IsZero }} {{ gt ((now).Year) 2000 }} {{ typeOf (toDate \"2006\" \"2020\") }}",
        "{{ toJson (toDate \"2006-01-02T15:04:05Z07:00\" \"2017-12-31T10:11:12.5+05:30\") }} {{ toString (toDate \"2006\" \"2020\") }} {{ list (toDate \"2006\" \"2020\") }} {{ printf \"%v|%s\" (toDate \"2006\" \"2020\") (toDate \"2006\" \"2021\") }}",
        "{{ unixEpoch 5 }}",
        "{{ (toDate \"2006\" \"2020\").Nope }}",
        "{{ dateModify \"1h\" \"2020\" }}",
        // semver values
        "{{ $v := semver \"v1.2.3-beta.1+build.5\" }}{{ $v.Major }} {{ $v.Minor }} {{ $v.Patch }} {{ $v.Prerelease }} {{ $v.Metadata }} {{ $v.Original }} {{ $v.String }} {{ $v }}",
        "{{ semver \"1.2\" }} {{ (semver \"1.2.3\").IncMinor }} {{ (semver \"v1.2.3-rc.1\").IncPatch }} {{ (semver \"1.2.3\").IncPatch }} {{ (semver \"1.9.9+x\").IncMajor }} {{ typeOf (semver \"1.0.0\") }} {{ kindOf (semver \"1.0.0\") }} {{ toJson (semver \"v2\") }}",
        "{{ (semver \"1.2.3\").Compare (semver \"1.3.0\") }} {{ (semver \"1.2.3\").LessThan (semver \"1.3.0\") }} {{ (semver \"1.2.3\").GreaterThan (semver \"1.3.0\") }} {{ (semver \"1.2.3\").Equal (semver \"v1.2.3\") }} {{ (semver \"1.0.0-alpha\").Compare (semver \"1.0.0\") }}",
        "{{ ((semver \"1.2.3\").SetPrerelease \"rc.2\") }} {{ ((semver \"1.2.3-x\").SetMetadata \"b7\") }}",
        "{{ semver \"bad\" }}",
        "{{ (semver \"1.2.3\").SetPrerelease \"a..b\" }}");
  }

  /**
   * Where sealos's pinned libraries (sprig v3.2.3 with Masterminds/semver v3.2.1) word an error
   * differently from the newer ones inside Helm: Helm's text and sealos's.
   */
  static final String[][] SEALOS_WORDING = {
      {"invalid semantic version", "Invalid Semantic Version"},
      {"invalid prerelease string", "Invalid Prerelease string"}};

  @ParameterizedTest
  @MethodSource("templates")
  void renders_and_fails_like_go(String template) {
    String expected = HelmOracle.render(work, template, "{}");
    for (String[] wording : SEALOS_WORDING) {
      expected = expected.replace(wording[0], wording[1]);
    }
    assertThat(HelmOracle.java(template, "{}")).isEqualTo(expected);
  }
}
