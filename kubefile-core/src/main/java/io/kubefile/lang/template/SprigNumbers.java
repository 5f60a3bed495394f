package io.kubefile.lang.template;

import static io.kubefile.lang.template.Functions.fn;
import static io.kubefile.lang.template.Functions.integer;
import static io.kubefile.lang.template.Functions.str;
import static io.kubefile.lang.template.Functions.variadic;
import static io.kubefile.lang.template.GoFunction.Type.ANY;
import static io.kubefile.lang.template.GoFunction.Type.FLOAT64;
import static io.kubefile.lang.template.GoFunction.Type.INT;
import static io.kubefile.lang.template.GoFunction.Type.STRING;

import io.kubefile.lang.template.GoFunction.Failure;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * sprig v3 number functions ({@code numeric.go}) with spf13/cast's conversions ({@code toInt64}:
 * strings parsed with Go's base prefixes, floats truncated, anything else 0) and shopspring/decimal
 * arithmetic for the {@code ...f} functions.
 */
final class SprigNumbers {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SprigNumbers() {}

  static void register(Map<String, GoFunction> m) {
    fn(m, "atoi", l -> {
      Long v = GoLiterals.parseInt(str(l, 0).startsWith("+") ? str(l, 0).substring(1) : str(l, 0));
      return v == null || !str(l, 0).matches("[+-]?[0-9]+") ? 0L : v;
    }, STRING);
    fn(m, "int64", l -> toInt64(l.get(0)), ANY);
    fn(m, "int", l -> toInt64(l.get(0)), ANY);
    fn(m, "float64", l -> toFloat64(l.get(0)), ANY);
    fn(m, "toDecimal", l -> {
      try {
        return Long.parseLong(Functions.strval(l.get(0)), 8);
      } catch (NumberFormatException e) {
        return 0L;
      }
    }, ANY);
    fn(m, "add1", l -> toInt64(l.get(0)) + 1, ANY);
    variadic(m, "add", l -> l.stream().mapToLong(SprigNumbers::toInt64).sum(), ANY);
    fn(m, "sub", l -> toInt64(l.get(0)) - toInt64(l.get(1)), ANY, ANY);
    fn(m, "div", l -> {
      long b = toInt64(l.get(1));
      if (b == 0) {
        throw new Failure("runtime error: integer divide by zero");
      }
      return toInt64(l.get(0)) / b;
    }, ANY, ANY);
    fn(m, "mod", l -> {
      long b = toInt64(l.get(1));
      if (b == 0) {
        throw new Failure("runtime error: integer divide by zero");
      }
      return toInt64(l.get(0)) % b;
    }, ANY, ANY);
    variadic(m, "mul", l -> l.stream().mapToLong(SprigNumbers::toInt64).reduce(1, (a, b) -> a * b), ANY, ANY);
    for (String name : new String[] {"max", "biggest"}) {
      variadic(m, name, l -> l.stream().mapToLong(SprigNumbers::toInt64).max().getAsLong(), ANY, ANY);
    }
    variadic(m, "min", l -> l.stream().mapToLong(SprigNumbers::toInt64).min().getAsLong(), ANY, ANY);
    variadic(m, "maxf", l -> l.stream().mapToDouble(SprigNumbers::toFloat64).reduce(Math::max).getAsDouble(), ANY,
        ANY);
    variadic(m, "minf", l -> l.stream().mapToDouble(SprigNumbers::toFloat64).reduce(Math::min).getAsDouble(), ANY,
        ANY);
    fn(m, "add1f", l -> decimalOp(List.of(l.get(0), 1L), BigDecimal::add), ANY);
    variadic(m, "addf", l -> {
      List<Object> args = new ArrayList<>();
      args.add(0.0);
      args.addAll(l);
      return decimalOp(args, BigDecimal::add);
    }, ANY);
    variadic(m, "subf", l -> decimalOp(l, BigDecimal::subtract), ANY, ANY);
    variadic(m, "mulf", l -> decimalOp(l, BigDecimal::multiply), ANY, ANY);
    variadic(m, "divf", l -> decimalOp(l, (a, b) -> {
      if (b.signum() == 0) {
        throw new Failure("decimal division by 0");
      }
      return a.divide(b, 16, RoundingMode.HALF_UP);
    }), ANY, ANY);
    fn(m, "ceil", l -> Math.ceil(toFloat64(l.get(0))), ANY);
    fn(m, "floor", l -> Math.floor(toFloat64(l.get(0))), ANY);
    variadic(m, "round", l -> {
      double val = toFloat64(l.get(0));
      double roundOn = l.size() > 2 ? (Double) l.get(2) : 0.5;
      long places = (Long) l.get(1);
      double pow = Math.pow(10, places);
      double digit = pow * val;
      double[] parts = {Math.floor(digit), digit - Math.floor(digit)};
      double round = parts[1] >= roundOn ? Math.ceil(digit) : Math.floor(digit);
      return round / pow;
    }, ANY, INT, FLOAT64);
    fn(m, "randInt", l -> {
      long min = integer(l, 0);
      long max = integer(l, 1);
      if (max - min <= 0) {
        throw new Failure("invalid argument to Intn");
      }
      return min + (long) RANDOM.nextInt((int) (max - min));
    }, INT, INT);
    fn(m, "until", l -> untilStep(0, integer(l, 0), integer(l, 0) < 0 ? -1 : 1), INT);
    fn(m, "untilStep", l -> untilStep(integer(l, 0), integer(l, 1), integer(l, 2)), INT, INT, INT);
    variadic(m, "seq", SprigNumbers::seq, INT);
  }

  /** cast.ToInt64 (errors are 0). */
  static long toInt64(Object v) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Double d) {
      return (long) (double) d;
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (v instanceof String s) {
      String t = s.matches("[+-]?[0-9]+\\.0*") ? s.substring(0, s.indexOf('.')) : s;
      Long parsed = GoLiterals.parseInt(t);
      return parsed == null ? 0 : parsed;
    }
    return 0;
  }

  /** cast.ToFloat64 (errors are 0). */
  static double toFloat64(Object v) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Double d) {
      return d;
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (v instanceof String s) {
      Double parsed = GoLiterals.parseFloat(s);
      return parsed == null ? 0 : parsed;
    }
    return 0;
  }

  private static double decimalOp(List<Object> args, BinaryOperator<BigDecimal> op) {
    BigDecimal result = decimal(args.get(0));
    for (Object a : args.subList(1, args.size())) {
      result = op.apply(result, decimal(a));
    }
    return result.round(MathContext.DECIMAL64).doubleValue();
  }

  /** decimal.NewFromFloat: the shortest decimal that reads back as the same float64. */
  private static BigDecimal decimal(Object v) {
    double d = toFloat64(v);
    return new BigDecimal(Double.toString(d));
  }

  private static List<Object> untilStep(long start, long stop, long step) {
    List<Object> out = new ArrayList<>();
    if (step == 0) {
      return out;
    }
    if (stop < start) {
      if (step >= 0) {
        return out;
      }
      for (long i = start; i > stop; i += step) {
        out.add(i);
      }
      return out;
    }
    if (step <= 0) {
      return out;
    }
    for (long i = start; i < stop; i += step) {
      out.add(i);
    }
    return out;
  }

  /** sprig's seq: like GNU seq with 1, 2 or 3 arguments, space separated. */
  private static String seq(List<Object> l) {
    List<Object> values;
    switch (l.size()) {
      case 0:
        return "";
      case 1: {
        long end = (Long) l.get(0);
        values = end > 0 ? untilStep(1, end + 1, 1) : untilStep(1, end - 1, -1);
        break;
      }
      case 2: {
        long start = (Long) l.get(0);
        long end = (Long) l.get(1);
        values = end >= start ? untilStep(start, end + 1, 1) : untilStep(start, end - 1, -1);
        break;
      }
      case 3: {
        long start = (Long) l.get(0);
        long step = (Long) l.get(1);
        long end = (Long) l.get(2);
        if (end < start) {
          if (step >= 0) {
            return "";
          }
          values = untilStep(start, end - 1, step);
        } else {
          if (step <= 0) {
            return "";
          }
          values = untilStep(start, end + 1, step);
        }
        break;
      }
      default:
        return "";
    }
    StringBuilder sb = new StringBuilder();
    for (Object v : values) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(v);
    }
    return sb.toString();
  }
}
