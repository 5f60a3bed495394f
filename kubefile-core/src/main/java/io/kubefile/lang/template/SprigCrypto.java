package io.kubefile.lang.template;

import static io.kubefile.lang.template.Functions.fn;
import static io.kubefile.lang.template.Functions.integer;
import static io.kubefile.lang.template.Functions.str;
import static io.kubefile.lang.template.GoFunction.Type.CERTIFICATE;
import static io.kubefile.lang.template.GoFunction.Type.INT;
import static io.kubefile.lang.template.GoFunction.Type.LIST;
import static io.kubefile.lang.template.GoFunction.Type.STRING;
import static io.kubefile.lang.template.GoFunction.Type.UINT32;

import io.kubefile.lang.go.GoText;
import io.kubefile.lang.template.GoFunction.Failure;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * sprig v3.2.3's cryptographic functions ({@code crypto.go}) with golang.org/x/crypto's bcrypt and
 * scrypt (BouncyCastle's implementations: same algorithms, same encodings) and the JDK's AES, HMAC
 * and key generation. Errors follow sprig: some come back as the result text ({@code bcrypt},
 * {@code genPrivateKey}, {@code derivePassword}), the others fail the template.
 */
final class SprigCrypto {
  /** bcrypt.DefaultCost. */
  private static final int BCRYPT_COST = 10;
  private static final String MASTER_PASSWORD_SEED = "com.lyndir.masterpassword";
  /** Master Password's templates by password type (the algorithm's published tables). */
  private static final Map<String, String[]> PASSWORD_TEMPLATES = Map.of(
      "maximum", new String[] {"anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"},
      "long", new String[] {"CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
          "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc", "CvcvCvcvnoCvcc",
          "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno", "CvcvnoCvccCvcc", "CvcvCvccnoCvcc",
          "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc", "CvccCvcvCvccno"},
      "medium", new String[] {"CvcnoCvc", "CvcCvcno"},
      "short", new String[] {"Cvcn"},
      "basic", new String[] {"aaanaaan", "aannaaan", "aaannaaa"},
      "pin", new String[] {"nnnn"});
  private static final Map<Character, String> TEMPLATE_CHARACTERS = Map.of(
      'V', "AEIOU", 'C', "BCDFGHJKLMNPQRSTVWXYZ", 'v', "aeiou", 'c', "bcdfghjklmnpqrstvwxyz",
      'A', "AEIOUBCDFGHJKLMNPQRSTVWXYZ", 'a', "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
      'n', "0123456789", 'o', "@&%?,=[]_:-+*$#!'^~;()/.",
      'x', "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()");

  private SprigCrypto() {}

  static void register(Map<String, GoFunction> m) {
    fn(m, "bcrypt", l -> bcrypt(str(l, 0)), STRING);
    fn(m, "htpasswd", l -> str(l, 0).contains(":") ? "invalid username: " + str(l, 0)
        : str(l, 0) + ":" + bcrypt(str(l, 1)), STRING, STRING);
    fn(m, "randBytes", l -> {
      byte[] b = new byte[(int) integer(l, 0)];
      PemKeys.RANDOM.nextBytes(b);
      return Base64.getEncoder().encodeToString(b);
    }, INT);
    fn(m, "derivePassword", l -> derivePassword((Long) l.get(0), str(l, 1), str(l, 2), str(l, 3), str(l, 4)),
        UINT32, STRING, STRING, STRING, STRING);
    fn(m, "genPrivateKey", l -> PemKeys.generate(str(l, 0)), STRING);
    fn(m, "buildCustomCert", l -> Certificates.custom(str(l, 0), str(l, 1)), STRING, STRING);
    fn(m, "genCA", l -> Certificates.ca(str(l, 0), integer(l, 1), PemKeys.rsa2048()), STRING, INT);
    fn(m, "genCAWithKey", l -> Certificates.ca(str(l, 0), integer(l, 1), keyArgument(str(l, 2))), STRING, INT, STRING);
    fn(m, "genSelfSignedCert", l -> Certificates.selfSigned(str(l, 0), list(l, 1), list(l, 2), integer(l, 3),
        PemKeys.rsa2048()), STRING, LIST, LIST, INT);
    fn(m, "genSelfSignedCertWithKey", l -> Certificates.selfSigned(str(l, 0), list(l, 1), list(l, 2), integer(l, 3),
        keyArgument(str(l, 4))), STRING, LIST, LIST, INT, STRING);
    fn(m, "genSignedCert", l -> Certificates.signed(str(l, 0), list(l, 1), list(l, 2), integer(l, 3),
        (GoCertificate) l.get(4), PemKeys.rsa2048()), STRING, LIST, LIST, INT, CERTIFICATE);
    fn(m, "genSignedCertWithKey", l -> Certificates.signed(str(l, 0), list(l, 1), list(l, 2), integer(l, 3),
        (GoCertificate) l.get(4), keyArgument(str(l, 5))), STRING, LIST, LIST, INT, CERTIFICATE, STRING);
    fn(m, "encryptAES", l -> encryptAes(str(l, 0), str(l, 1)), STRING, STRING);
    fn(m, "decryptAES", l -> decryptAes(str(l, 0), str(l, 1)), STRING, STRING);
  }

  private static List<?> list(List<Object> args, int i) {
    return (List<?>) args.get(i);
  }

  private static java.security.KeyPair keyArgument(String pem) {
    try {
      return PemKeys.parse(pem);
    } catch (Failure e) {
      throw new Failure("parsing private key: " + e.getMessage());
    }
  }

  /** GenerateFromPassword at the default cost, "$2a$" form; errors come back as text, as in sprig. */
  static String bcrypt(String password) {
    byte[] bytes = GoText.encode(password);
    if (bytes.length > 72) {
      return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes";
    }
    byte[] salt = new byte[16];
    PemKeys.RANDOM.nextBytes(salt);
    return OpenBSDBCrypt.generate("2a", bytes, salt, BCRYPT_COST);
  }

  /** Master Password (v3): scrypt of the user's secret, HMAC-SHA256 of the site, a template filled from the seed. */
  private static String derivePassword(long counter, String type, String password, String user, String site) {
    String[] templates = PASSWORD_TEMPLATES.get(type);
    if (templates == null) {
      return "cannot find password template " + type;
    }
    byte[] userBytes = GoText.encode(user);
    byte[] salt = concat(MASTER_PASSWORD_SEED.getBytes(StandardCharsets.US_ASCII), uint32(userBytes.length), userBytes);
    byte[] key = SCrypt.generate(GoText.encode(password), salt, 32768, 8, 2, 64);
    byte[] siteBytes = GoText.encode(site);
    byte[] message = concat(MASTER_PASSWORD_SEED.getBytes(StandardCharsets.US_ASCII), uint32(siteBytes.length),
        siteBytes, uint32((int) counter));
    byte[] seed;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      seed = mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    String template = templates[(seed[0] & 0xff) % templates.length];
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      String chars = TEMPLATE_CHARACTERS.get(template.charAt(i));
      out.append(chars.charAt((seed[i + 1] & 0xff) % chars.length()));
    }
    return out.toString();
  }

  private static byte[] uint32(int v) {
    return ByteBuffer.allocate(4).putInt(v).array();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** The password's bytes in a zeroed 32-byte AES-256 key (longer passwords cut). */
  private static SecretKeySpec aesKey(String password) {
    return new SecretKeySpec(Arrays.copyOf(GoText.encode(password), 32), "AES");
  }

  /** AES-256-CBC with PKCS#7 padding, a random IV before the ciphertext, base64. */
  private static String encryptAes(String password, String plaintext) {
    if (plaintext.isEmpty()) {
      return "";
    }
    byte[] iv = new byte[16];
    PemKeys.RANDOM.nextBytes(iv);
    try {
      Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
      c.init(Cipher.ENCRYPT_MODE, aesKey(password), new IvParameterSpec(iv));
      return Base64.getEncoder().encodeToString(concat(iv, c.doFinal(GoText.encode(plaintext))));
    } catch (GeneralSecurityException e) {
      throw new Failure(e.getMessage());
    }
  }

  /**
   * decryptAES as sprig does it: the padding is not checked, the last byte says how many to drop;
   * input that is too short or not whole blocks fails with the runtime error Go's panic gives.
   */
  private static String decryptAes(String password, String crypt64) {
    if (crypt64.isEmpty()) {
      return "";
    }
    byte[] crypt;
    try {
      crypt = Base64.getDecoder().decode(crypt64);
    } catch (IllegalArgumentException e) {
      throw new Failure(SprigStrings.base64Error(crypt64));
    }
    if (crypt.length < 16) {
      throw new Failure("runtime error: slice bounds out of range [:16] with capacity " + crypt.length);
    }
    byte[] body = Arrays.copyOfRange(crypt, 16, crypt.length);
    if (body.length % 16 != 0) {
      throw new Failure("crypto/cipher: input not full blocks");
    }
    byte[] plain;
    try {
      Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
      c.init(Cipher.DECRYPT_MODE, aesKey(password), new IvParameterSpec(Arrays.copyOf(crypt, 16)));
      plain = c.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new Failure(e.getMessage());
    }
    if (plain.length == 0) {
      throw new Failure("runtime error: index out of range [-1]");
    }
    int end = plain.length - (plain[plain.length - 1] & 0xff);
    if (end < 0) {
      throw new Failure("runtime error: slice bounds out of range [:" + end + "]");
    }
    return GoText.decode(plain, 0, end);
  }
}
