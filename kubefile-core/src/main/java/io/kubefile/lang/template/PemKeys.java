package io.kubefile.lang.template;

import io.kubefile.lang.template.GoFunction.Failure;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.AlgorithmParameterGenerator;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.DSAGenParameterSpec;
import java.security.spec.DSAParameterSpec;
import java.security.spec.DSAPrivateKeySpec;
import java.security.spec.DSAPublicKeySpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Private keys in the PEM forms sprig writes and reads ({@code pemBlockForKey}, {@code
 * parsePrivateKeyPEM}): RSA as PKCS#1 ({@code RSA PRIVATE KEY}), ECDSA as SEC 1 ({@code EC PRIVATE
 * KEY}), DSA as sprig's own ASN.1 sequence ({@code DSA PRIVATE KEY}), Ed25519 as PKCS#8 ({@code
 * PRIVATE KEY}). Keys are generated and used by the JDK's providers; BouncyCastle supplies the ASN.1
 * structures and PEM armour (it is not registered as a provider).
 */
final class PemKeys {
  static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([^\\n-]*)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);

  private PemKeys() {}

  /** A PEM block: its type and DER bytes. */
  record Block(String type, byte[] der) {}

  /** genPrivateKey: a new key of TYPE ("", rsa, dsa, ecdsa, ed25519) as PEM, or sprig's message. */
  static String generate(String type) {
    KeyPair pair;
    try {
      switch (type) {
        case "", "rsa" -> pair = generator("RSA", 4096).generateKeyPair();
        case "dsa" -> {
          // fresh L2048N256 domain parameters for every key, as Go's dsa.GenerateParameters makes
          AlgorithmParameterGenerator params = AlgorithmParameterGenerator.getInstance("DSA");
          params.init(new DSAGenParameterSpec(2048, 256), RANDOM);
          KeyPairGenerator g = KeyPairGenerator.getInstance("DSA");
          g.initialize(params.generateParameters().getParameterSpec(DSAParameterSpec.class), RANDOM);
          pair = g.generateKeyPair();
        }
        case "ecdsa" -> {
          KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
          g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
          pair = g.generateKeyPair();
        }
        case "ed25519" -> pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        default -> {
          return "Unknown type " + type;
        }
      }
    } catch (GeneralSecurityException e) {
      return "failed to generate private key: " + e.getMessage();
    }
    return pem(pair);
  }

  static KeyPair rsa2048() {
    return generator("RSA", 2048).generateKeyPair();
  }

  private static KeyPairGenerator generator(String algorithm, int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
      g.initialize(bits, RANDOM);
      return g;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** pemBlockForKey, encoded. */
  static String pem(KeyPair pair) {
    PrivateKey k = pair.getPrivate();
    try {
      if (k instanceof RSAPrivateCrtKey) {
        return pem("RSA PRIVATE KEY", PrivateKeyInfo.getInstance(k.getEncoded()).parsePrivateKey()
            .toASN1Primitive().getEncoded());
      }
      if (k instanceof ECPrivateKey ec) {
        ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(
            PrivateKeyInfo.getInstance(k.getEncoded()).getPrivateKeyAlgorithm().getParameters());
        int bits = ec.getParams().getOrder().bitLength();
        byte[] point = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()).getPublicKeyData().getBytes();
        return pem("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(bits, ec.getS(),
            new DERBitString(point), curve).getEncoded());
      }
      if (k instanceof DSAPrivateKey dsa) {
        DSAPublicKey pub = (DSAPublicKey) pair.getPublic();
        var p = dsa.getParams();
        return pem("DSA PRIVATE KEY", new DERSequence(new ASN1Encodable[] {new ASN1Integer(0),
            new ASN1Integer(p.getP()), new ASN1Integer(p.getQ()), new ASN1Integer(p.getG()),
            new ASN1Integer(pub.getY()), new ASN1Integer(dsa.getX())}).getEncoded());
      }
      if (k instanceof EdECPrivateKey ed) {
        byte[] seed = ed.getBytes().orElseThrow();
        return pem("PRIVATE KEY", new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
            new DEROctetString(seed)).getEncoded());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalArgumentException("unsupported key " + k.getAlgorithm());
  }

  static String pem(String type, byte[] der) {
    StringWriter out = new StringWriter();
    try (PemWriter w = new PemWriter(out)) {
      w.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().replace("\r\n", "\n");
  }

  /** pem.Decode: the first PEM block in TEXT, or null. */
  static Block decode(String text) {
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      String body = m.group(2).lines().filter(l -> !l.contains(":")).reduce("", String::concat).strip();
      try {
        return new Block(m.group(1), java.util.Base64.getMimeDecoder().decode(body));
      } catch (IllegalArgumentException e) {
        // not a PEM block after all: Go's pem.Decode goes on looking
      }
    }
    return null;
  }

  /** parsePrivateKeyPEM: the key pair (public key derived) in PEM, failing with sprig's messages. */
  static KeyPair parse(String pemText) {
    Block block = decode(pemText);
    if (block == null) {
      throw new Failure("no PEM data in input");
    }
    String type = block.type();
    if (type.equals("PRIVATE KEY")) {
      try {
        return fromPkcs8(PrivateKeyInfo.getInstance(block.der()));
      } catch (RuntimeException | GeneralSecurityException | IOException e) {
        throw new Failure("decoding PEM as PKCS#8: x509: failed to parse private key: " + e.getMessage());
      }
    }
    if (!type.endsWith(" PRIVATE KEY")) {
      throw new Failure("no private key data in PEM block of type " + type);
    }
    String kind = type.substring(0, type.length() - 12);
    try {
      switch (kind) {
        case "RSA":
          return fromPkcs8(new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
              org.bouncycastle.asn1.DERNull.INSTANCE), RSAPrivateKey.getInstance(block.der())));
        case "EC": {
          org.bouncycastle.asn1.sec.ECPrivateKey ec = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(block.der());
          return fromPkcs8(new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
              ec.getParametersObject()), ec));
        }
        case "DSA": {
          ASN1Sequence s = ASN1Sequence.getInstance(block.der());
          BigInteger p = ASN1Integer.getInstance(s.getObjectAt(1)).getValue();
          BigInteger q = ASN1Integer.getInstance(s.getObjectAt(2)).getValue();
          BigInteger g = ASN1Integer.getInstance(s.getObjectAt(3)).getValue();
          BigInteger y = ASN1Integer.getInstance(s.getObjectAt(4)).getValue();
          BigInteger x = ASN1Integer.getInstance(s.getObjectAt(5)).getValue();
          KeyFactory f = KeyFactory.getInstance("DSA");
          return new KeyPair(f.generatePublic(new DSAPublicKeySpec(y, p, q, g)),
              f.generatePrivate(new DSAPrivateKeySpec(x, p, q, g)));
        }
        default:
          throw new Failure("invalid private key type " + type);
      }
    } catch (Failure e) {
      throw e;
    } catch (RuntimeException | GeneralSecurityException | IOException e) {
      throw new Failure("parsing " + kind + " private key from PEM: " + e.getMessage());
    }
  }

  /** A PKCS#8 key as a JDK key pair, the public key computed from the private one. */
  private static KeyPair fromPkcs8(PrivateKeyInfo info) throws GeneralSecurityException, IOException {
    ASN1ObjectIdentifier alg = info.getPrivateKeyAlgorithm().getAlgorithm();
    byte[] der = info.getEncoded();
    if (alg.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      KeyFactory f = KeyFactory.getInstance("RSA");
      RSAPrivateCrtKey k = (RSAPrivateCrtKey) f.generatePrivate(new PKCS8EncodedKeySpec(der));
      return new KeyPair(f.generatePublic(new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent())), k);
    }
    if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
      X9ECParameters params = ECNamedCurveTable.getByOID(curve);
      BigInteger d = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey()).getKey();
      ECPoint q = params.getG().multiply(d).normalize();
      KeyFactory f = KeyFactory.getInstance("EC");
      SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(info.getPrivateKeyAlgorithm(), q.getEncoded(false));
      PrivateKey k = f.generatePrivate(new PKCS8EncodedKeySpec(
          new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), new org.bouncycastle.asn1.sec.ECPrivateKey(
              params.getN().bitLength(), d, curve)).getEncoded()));
      return new KeyPair(f.generatePublic(new X509EncodedKeySpec(spki.getEncoded())), k);
    }
    if (alg.equals(EdECObjectIdentifiers.id_Ed25519)) {
      byte[] seed = DEROctetString.getInstance(info.parsePrivateKey()).getOctets();
      byte[] pub = new Ed25519PrivateKeyParameters(seed).generatePublicKey().getEncoded();
      KeyFactory f = KeyFactory.getInstance("Ed25519");
      SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
          pub);
      return new KeyPair(f.generatePublic(new X509EncodedKeySpec(spki.getEncoded())),
          f.generatePrivate(new PKCS8EncodedKeySpec(der)));
    }
    throw new Failure("decoding PEM as PKCS#8: x509: PKCS#8 wrapping contained private key with unknown algorithm: "
        + alg.getId());
  }

  /** Go's x509 signature algorithm for a signing key, or null when Go cannot sign with it (DSA). */
  static String signatureAlgorithm(PrivateKey key) {
    if (key instanceof RSAPrivateCrtKey) {
      return "SHA256withRSA";
    }
    if (key instanceof ECPrivateKey ec) {
      int bits = ec.getParams().getOrder().bitLength();
      return bits <= 256 ? "SHA256withECDSA" : bits <= 384 ? "SHA384withECDSA" : "SHA512withECDSA";
    }
    if (key instanceof EdECPrivateKey) {
      return "Ed25519";
    }
    return null;
  }

  static boolean isDsa(PublicKey key) {
    return key instanceof DSAPublicKey;
  }
}
