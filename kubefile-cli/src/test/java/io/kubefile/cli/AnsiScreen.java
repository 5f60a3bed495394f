package io.kubefile.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A terminal as far as progress output drives it: text, {@code \r}, {@code \n}, cursor up ({@code
 * ESC[nA}), erase to end of screen ({@code ESC[J}) and of line ({@code ESC[K}, {@code ESC[2K}), colours
 * ignored. Lets tests read what a person would see after the ANSI output was played.
 */
final class AnsiScreen {
  private final List<StringBuilder> rows = new ArrayList<>(List.of(new StringBuilder()));
  private int row;
  private int col;

  static AnsiScreen play(String output) {
    AnsiScreen screen = new AnsiScreen();
    for (int i = 0; i < output.length(); i++) {
      char c = output.charAt(i);
      if (c == '\033' && i + 1 < output.length() && output.charAt(i + 1) == '[') {
        int end = i + 2;
        while (end < output.length() && !Character.isLetter(output.charAt(end))) {
          end++;
        }
        screen.control(output.substring(i + 2, end), output.charAt(end));
        i = end;
      } else if (c == '\n') {
        screen.row++;
        screen.col = 0;
        while (screen.rows.size() <= screen.row) {
          screen.rows.add(new StringBuilder());
        }
      } else if (c == '\r') {
        screen.col = 0;
      } else {
        StringBuilder line = screen.rows.get(screen.row);
        while (line.length() < screen.col) {
          line.append(' ');
        }
        if (screen.col < line.length()) {
          line.setCharAt(screen.col, c);
        } else {
          line.append(c);
        }
        screen.col++;
      }
    }
    return screen;
  }

  private void control(String args, char command) {
    switch (command) {
      case 'A' -> row = Math.max(0, row - (args.isEmpty() ? 1 : Integer.parseInt(args)));
      case 'J' -> {
        rows.get(row).setLength(Math.min(col, rows.get(row).length()));
        while (rows.size() > row + 1) {
          rows.remove(rows.size() - 1);
        }
      }
      case 'K' -> {
        if (args.equals("2")) {
          rows.get(row).setLength(0);
        } else {
          rows.get(row).setLength(Math.min(col, rows.get(row).length()));
        }
      }
      case 'm' -> { }
      default -> throw new IllegalArgumentException("unexpected control sequence ESC[" + args + command);
    }
  }

  /** The visible lines, trailing blanks and empty last lines dropped. */
  List<String> lines() {
    List<String> lines = new ArrayList<>(rows.stream().map(r -> r.toString().stripTrailing()).toList());
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }
}
