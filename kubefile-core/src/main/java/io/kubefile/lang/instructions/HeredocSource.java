package io.kubefile.lang.instructions;

/**
 * A COPY/ADD source given inline as a heredoc ({@code COPY <<EOF /dest}).
 *
 * @param path the file name in the destination (the heredoc terminator)
 * @param content the body, already chomped for {@code <<-}; decoded with GoText (raw bytes via
 *     {@code GoText.encode})
 * @param expand whether the builder expands variables in the body (terminator not quoted)
 */
public record HeredocSource(String path, String content, boolean expand) {}
