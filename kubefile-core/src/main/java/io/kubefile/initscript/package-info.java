/**
 * The cluster-image convention of running {@code init.sh <arch> <name> <version>} before a build
 * (it downloads binaries, renders charts, writes a Kubefile), done without touching the user's
 * build directory: each run gets its own copy-on-write working copy of the context, made of hard
 * links, and the build then reads that copy.
 */
package io.kubefile.initscript;
