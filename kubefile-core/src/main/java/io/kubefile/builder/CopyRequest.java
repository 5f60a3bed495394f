package io.kubefile.builder;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * One COPY or ADD after expansion: where from, which sources, to where, with which ownership and
 * mode. {@code destination} is absolute (WORKDIR applied) and keeps a trailing slash if written.
 * {@code globMatcher} is Go's filepath.Match for one path component; {@code excluded} tests paths
 * relative to a source root against the {@code --exclude} patterns.
 */
public record CopyRequest(
    SourceTree tree,
    List<String> sources,
    String destination,
    Long uid,
    Long gid,
    ChmodSpec chmod,
    Predicate<String> excluded,
    BiPredicate<String, String> globMatcher) {}
