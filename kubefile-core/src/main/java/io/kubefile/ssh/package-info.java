/**
 * Commands and file transfers on the hosts of a cluster: one SSH connection per host (Apache MINA
 * SSHD), reused for every command and every SFTP transfer of a run; hosts whose address is local
 * are handled in-process instead (sealos's R8). Host keys are checked against {@code known_hosts};
 * non-root users reach root through {@code sudo}. Everything here knows hosts and bytes, nothing
 * about images or clusters: that is {@code io.kubefile.run}.
 */
package io.kubefile.ssh;
