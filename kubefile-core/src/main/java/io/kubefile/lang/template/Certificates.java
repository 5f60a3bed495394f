package io.kubefile.lang.template;

import io.kubefile.lang.template.GoFunction.Failure;
import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * sprig's certificate functions ({@code genCA}, {@code genSelfSignedCert}, {@code genSignedCert},
 * their {@code WithKey} forms, {@code buildCustomCert}): X.509 v3 certificates with the fields Go's
 * {@code x509.CreateCertificate} writes for sprig's template (random 128-bit serial, subject CN only,
 * server and client auth, critical basic constraints, a subject key id for CAs and the CA's key id
 * as authority key id). BouncyCastle builds them; the JDK signs.
 */
final class Certificates {
  private Certificates() {}

  /** generateCertificateAuthorityWithKeyInternal. */
  static GoCertificate ca(String cn, long days, KeyPair key) {
    return create(cn, null, null, days, true, key, null, key);
  }

  /** generateSelfSignedCertificateWithKeyInternal. */
  static GoCertificate selfSigned(String cn, List<?> ips, List<?> dns, long days, KeyPair key) {
    return create(cn, ips, dns, days, false, key, null, key);
  }

  /** generateSignedCertificateWithKeyInternal. */
  static GoCertificate signed(String cn, List<?> ips, List<?> dns, long days, GoCertificate ca, KeyPair key) {
    PemKeys.Block block = PemKeys.decode(ca.cert());
    if (block == null) {
      throw new Failure("unable to decode certificate");
    }
    X509CertificateHolder signer = parseCertificate(block, "decodedSignerCert.Bytes");
    KeyPair signerKey;
    try {
      signerKey = PemKeys.parse(ca.key());
    } catch (Failure e) {
      throw new Failure("error parsing private key: " + e.getMessage());
    }
    return create(cn, ips, dns, days, false, key, signer, signerKey);
  }

  /** buildCustomCertificate: base64 PEM certificate and key, checked, returned decoded. */
  static GoCertificate custom(String b64cert, String b64key) {
    byte[] cert;
    byte[] key;
    try {
      cert = java.util.Base64.getDecoder().decode(b64cert);
    } catch (IllegalArgumentException e) {
      throw new Failure("unable to decode base64 certificate");
    }
    try {
      key = java.util.Base64.getDecoder().decode(b64key);
    } catch (IllegalArgumentException e) {
      throw new Failure("unable to decode base64 private key");
    }
    String certText = io.kubefile.lang.go.GoText.decode(cert);
    String keyText = io.kubefile.lang.go.GoText.decode(key);
    PemKeys.Block block = PemKeys.decode(certText);
    if (block == null) {
      throw new Failure("unable to decode certificate");
    }
    parseCertificate(block, "decodedCert.Bytes");
    try {
      PemKeys.parse(keyText);
    } catch (Failure e) {
      throw new Failure("error parsing private key: " + e.getMessage());
    }
    return new GoCertificate(certText, keyText);
  }

  private static X509CertificateHolder parseCertificate(PemKeys.Block block, String what) {
    try {
      return new X509CertificateHolder(block.der());
    } catch (IOException | RuntimeException e) {
      throw new Failure("error parsing certificate: " + what + ": x509: malformed certificate");
    }
  }

  private static GoCertificate create(String cn, List<?> ips, List<?> dns, long days, boolean isCa, KeyPair key,
      X509CertificateHolder parent, KeyPair signerKey) {
    List<GeneralName> names = new ArrayList<>();
    for (Object d : dns == null ? List.of() : dns) {
      if (!(d instanceof String s)) {
        throw new Failure("error processing alternate dns name: " + GoFormat.printable(d) + " is not a string");
      }
      names.add(new GeneralName(GeneralName.dNSName, s));
    }
    List<GeneralName> ipNames = new ArrayList<>();
    for (Object ip : ips == null ? List.of() : ips) {
      if (!(ip instanceof String s)) {
        throw new Failure("error parsing ip: " + GoFormat.printable(ip) + " is not a string");
      }
      if (!isIp(s)) {
        throw new Failure("error parsing ip: " + s);
      }
      ipNames.add(new GeneralName(GeneralName.iPAddress, s));
    }
    names.addAll(ipNames);
    String algorithm = PemKeys.signatureAlgorithm(signerKey.getPrivate());
    if (algorithm == null) {
      throw new Failure("error creating certificate: x509: certificate private key does not implement crypto.Signer");
    }
    if (PemKeys.isDsa(key.getPublic())) {
      throw new Failure("error creating certificate: x509: unsupported public key type: *dsa.PublicKey");
    }
    X500Name subject = cn.isEmpty() ? new X500Name(new RDN[0])
        : new X500Name(new RDN[] {new RDN(BCStyle.CN, printable(cn) ? new DERPrintableString(cn) : new DERUTF8String(cn))});
    X500Name issuer = parent == null ? subject : parent.getSubject();
    long now = System.currentTimeMillis();
    BigInteger serial = new BigInteger(128, PemKeys.RANDOM);
    SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded());
    X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuer, serial, new Date(now),
        new Date(now + days * 24 * 3600 * 1000), subject, spki);
    try {
      int usage = KeyUsage.keyEncipherment | KeyUsage.digitalSignature | (isCa ? KeyUsage.keyCertSign : 0);
      b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
      b.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      if (isCa) {
        b.addExtension(Extension.subjectKeyIdentifier, false,
            new SubjectKeyIdentifier(sha1(spki.getPublicKeyData().getBytes())));
      }
      if (parent != null && !issuer.equals(subject)) {
        SubjectKeyIdentifier parentId = SubjectKeyIdentifier.fromExtensions(parent.getExtensions());
        if (parentId != null) {
          b.addExtension(Extension.authorityKeyIdentifier, false,
              new AuthorityKeyIdentifier(parentId.getKeyIdentifier()));
        }
      }
      if (!names.isEmpty()) {
        b.addExtension(Extension.subjectAlternativeName, cn.isEmpty(),
            new GeneralNames(names.toArray(new GeneralName[0])));
      }
      byte[] der = b.build(new JcaContentSignerBuilder(algorithm).build(signerKey.getPrivate())).getEncoded();
      return new GoCertificate(PemKeys.pem("CERTIFICATE", der), PemKeys.pem(key));
    } catch (IOException | OperatorCreationException e) {
      throw new Failure("error creating certificate: " + e.getMessage());
    }
  }

  /** Go's asn1 PrintableString alphabet: a CN that fits is encoded as PrintableString, else UTF8String. */
  private static boolean printable(String s) {
    return s.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
        || " '()+,-./:=?*&".indexOf(c) >= 0);
  }

  /** net.ParseIP: dotted IPv4 without leading zeros, or IPv6 (no zone). */
  static boolean isIp(String s) {
    if (s.matches("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}")) {
      for (String part : s.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return false;
        }
      }
      return true;
    }
    return s.contains(":") && !s.contains("%") && org.bouncycastle.util.IPAddress.isValidIPv6(s);
  }

  private static byte[] sha1(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
