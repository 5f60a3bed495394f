package io.kubefile.builder;

import io.kubefile.lang.instructions.HeredocSource;
import io.kubefile.lang.instructions.Instruction;
import io.kubefile.lang.instructions.KeyValue;
import io.kubefile.lang.shell.Env;
import io.kubefile.lang.shell.ShellExpansionException;
import io.kubefile.lang.shell.ShellLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Expands the raw words of one Kubefile's instructions with the shell lexer (the Kubefile's escape
 * token) and words every failure as {@code FILE:LINE: message}, so that each instruction's dispatch
 * in {@link StageEvaluator} says only what it expands, not how errors are located.
 */
final class InstructionWords {
  private final ShellLexer lexer;
  private final String fileName;

  InstructionWords(ShellLexer lexer, String fileName) {
    this.lexer = lexer;
    this.fileName = fileName;
  }

  /** One word, quotes removed and variables expanded. */
  String expand(String word, Env env, Instruction at) {
    try {
      return lexer.processWord(word, env);
    } catch (ShellExpansionException e) {
      throw error(at, e.getMessage());
    }
  }

  /** {@link #expand}, or null for an absent (null) word such as an unset flag. */
  String expandOptional(String word, Env env, Instruction at) {
    return word == null ? null : expand(word, env, at);
  }

  /** Each word expanded on its own. */
  List<String> expandEach(List<String> words, Env env, Instruction at) {
    List<String> out = new ArrayList<>();
    for (String w : words) {
      out.add(expand(w, env, at));
    }
    return out;
  }

  /** One word that may expand to several, split at unquoted blanks (EXPOSE). */
  List<String> expandWords(String word, Env env, Instruction at) {
    try {
      return lexer.processWords(word, env);
    } catch (ShellExpansionException e) {
      throw error(at, e.getMessage());
    }
  }

  /**
   * The key and the value of every ENV or LABEL pair, all expanded against the same {@code env} (the
   * one before the instruction, as buildkit does), in order.
   */
  List<Map.Entry<String, String>> expandPairs(List<KeyValue> pairs, Env env, Instruction at) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (KeyValue kv : pairs) {
      out.add(Map.entry(expand(kv.key(), env, at), expand(kv.value(), env, at)));
    }
    return out;
  }

  /** Heredoc bodies, expanded (quotes and escapes kept) unless the delimiter was quoted. */
  List<HeredocSource> expandHeredocs(List<HeredocSource> heredocs, Env env, Instruction at) {
    List<HeredocSource> out = new ArrayList<>();
    for (HeredocSource h : heredocs) {
      String content = h.content();
      if (h.expand()) {
        try {
          content = lexer.withRawQuotes(true).withRawEscapes(true).processWord(content, env);
        } catch (ShellExpansionException e) {
          throw error(at, e.getMessage());
        }
      }
      out.add(new HeredocSource(h.path(), content, h.expand()));
    }
    return out;
  }

  /** A build failure located at {@code at}'s first line. */
  BuildException error(Instruction at, String message) {
    return new BuildException(fileName + ":" + at.span().startLine() + ": " + message);
  }
}
