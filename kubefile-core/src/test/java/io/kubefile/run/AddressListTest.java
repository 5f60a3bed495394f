package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** --masters/--nodes as sealos parses them (R2–R4). */
class AddressListTest {

  @Test
  void rangesExpandToEveryAddressWithTheDefaultPort() {
    assertThat(AddressList.parse("192.168.0.2-192.168.0.5", 22))
        .containsExactly("192.168.0.2:22", "192.168.0.3:22", "192.168.0.4:22", "192.168.0.5:22");
  }

  @Test
  void aRangeFromHighToLowFailsAsSealosSaysIt() {
    assertThatThrownBy(() -> AddressList.parse("10.0.0.9-10.0.0.2", 22))
        .hasMessage("start ip 10.0.0.9 cannot greater than end ip 10.0.0.2");
  }

  @Test
  void aRangeWithPortsFails() {
    assertThatThrownBy(() -> AddressList.parse("10.0.0.1:22-10.0.0.2:22", 22))
        .hasMessage("invalid address range 10.0.0.1:22-10.0.0.2:22: a range takes plain IPv4 addresses, without :port");
  }

  @Test
  void cidrIncludesNetworkAndBroadcast() {
    assertThat(AddressList.parse("10.1.2.0/30", 2222)).containsExactly("10.1.2.0:2222", "10.1.2.1:2222", "10.1.2.2:2222", "10.1.2.3:2222");
  }

  @Test
  void savedAddressesAlwaysCarryAPort() {
    assertThat(AddressList.parse("10.0.0.1, 10.0.0.2:2200", 22)).containsExactly("10.0.0.1:22", "10.0.0.2:2200");
  }

  @Test
  void invalidAddressesAreNamed() {
    assertThatThrownBy(() -> AddressList.parse("10.0.0.300", 22)).hasMessage("invalid IPv4 address 10.0.0.300 in 10.0.0.300");
    assertThatThrownBy(() -> AddressList.parse("10.0.0.1:x", 22)).hasMessage("invalid port \"x\" in address 10.0.0.1:x");
  }

  /**
   * Sealos's run keeps one of each ({@code removeIPListDuplicatesAndEmpty}); kept twice, the address
   * was saved twice and the Clusterfile no longer loaded ("has duplicate ip"), not even for reset.
   */
  @Test
  void anAddressGivenTwiceInOneListIsOneHost() {
    assertThat(AddressList.parse("10.0.0.1,10.0.0.1", 22)).containsExactly("10.0.0.1:22");
    assertThat(AddressList.parse("10.0.0.0/30,10.0.0.1", 22)).containsExactly("10.0.0.0:22", "10.0.0.1:22", "10.0.0.2:22", "10.0.0.3:22");
    assertThat(AddressList.parse("10.0.0.2,10.0.0.1-10.0.0.3", 22)).containsExactly("10.0.0.2:22", "10.0.0.1:22", "10.0.0.3:22");
    assertThat(AddressList.parse("10.0.0.1,10.0.0.1:22,10.0.0.01:022", 22)).containsExactly("10.0.0.1:22");
    // Another port is another sshd: two hosts, as the Clusterfile's check sees them.
    assertThat(AddressList.parse("10.0.0.1,10.0.0.1:2222", 22)).containsExactly("10.0.0.1:22", "10.0.0.1:2222");
  }

  @Test
  void anAddressInBothMastersAndNodesFails() {
    assertThatThrownBy(() -> AddressList.requireDisjoint(List.of("10.0.0.1:22"), List.of("10.0.0.2:22", "10.0.0.1:22")))
        .hasMessage("has duplicate ip: 10.0.0.1:22 is in both --masters and --nodes");
    assertThatThrownBy(() -> AddressList.requireDisjoint(AddressList.parse("10.0.0.0/30", 22), AddressList.parse("10.0.0.02:22", 22)))
        .hasMessage("has duplicate ip: 10.0.0.2:22 is in both --masters and --nodes");
  }
}
