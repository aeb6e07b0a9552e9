package io.x0tta6bl4.testsupport;

import io.spiffe.bundle.x509bundle.X509Bundle;
import io.spiffe.spiffeid.TrustDomain;
import io.spiffe.svid.x509svid.X509Svid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A SPIFFE trust domain's certificate authority for tests, as a SPIRE server would be: it issues
 * X.509 SVIDs (EC P-256, one URI SAN {@code spiffe://<trust domain>/<path>}) that the SPIFFE
 * libraries accept, including already-expired ones.
 */
public final class TestCa {

  private static final Duration CA_VALIDITY = Duration.ofDays(30);

  private final TrustDomain trustDomain;
  private final KeyPair keys;
  private final X509Certificate certificate;
  private final AtomicLong serials = new AtomicLong(2);

  private TestCa(TrustDomain trustDomain, KeyPair keys, X509Certificate certificate) {
    this.trustDomain = trustDomain;
    this.keys = keys;
    this.certificate = certificate;
  }

  /** A new authority for {@code trustDomain}, e.g. {@code example.org}. */
  public static TestCa create(String trustDomain) {
    try {
      KeyPair keys = newKeys();
      X500Name name = new X500Name("CN=" + trustDomain + " test CA");
      Instant now = Instant.now();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              BigInteger.ONE,
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(CA_VALIDITY)),
              name,
              keys.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://" + trustDomain)));
      return new TestCa(TrustDomain.parse(trustDomain), keys, sign(builder, keys.getPrivate()));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("could not create the test CA", e);
    }
  }

  public TrustDomain trustDomain() {
    return trustDomain;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The trust bundle: this authority's certificate. */
  public X509Bundle bundle() {
    return new X509Bundle(trustDomain, Set.of(certificate));
  }

  /** An SVID for {@code spiffe://<trust domain><path>} valid from five minutes ago for an hour. */
  public Svid issue(String path) {
    Instant now = Instant.now();
    return issue(path, now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofHours(1)));
  }

  /** An SVID valid between the two instants (an expired one when {@code notAfter} has passed). */
  public Svid issue(String path, Instant notBefore, Instant notAfter) {
    try {
      KeyPair leafKeys = newKeys();
      String id = "spiffe://" + trustDomain.getName() + path;
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              new X500Name(certificate.getSubjectX500Principal().getName()),
              BigInteger.valueOf(serials.getAndIncrement()),
              Date.from(notBefore),
              Date.from(notAfter),
              new X500Name("O=SPIRE"),
              leafKeys.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(
              KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyAgreement));
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      builder.addExtension(
          Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, id)));
      X509Certificate leaf = sign(builder, keys.getPrivate());
      return new Svid(id, List.of(leaf), leafKeys.getPrivate());
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("could not issue an SVID for " + path, e);
    }
  }

  /** An issued SVID: its id, its certificate chain (leaf first) and its private key. */
  public record Svid(String id, List<X509Certificate> chain, PrivateKey key) {

    public X509Svid toX509Svid() {
      try {
        return X509Svid.parseRaw(der(), key.getEncoded());
      } catch (Exception e) {
        throw new IllegalStateException("the SPIFFE library refused the SVID " + id, e);
      }
    }

    /** The chain as concatenated DER certificates, as the Workload API sends it. */
    public byte[] der() {
      try {
        var out = new java.io.ByteArrayOutputStream();
        for (X509Certificate c : chain) {
          out.write(c.getEncoded());
        }
        return out.toByteArray();
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Writes the chain and the PKCS#8 key as PEM files, the way spiffe-helper does. */
    public void writePem(Path certificateFile, Path keyFile) {
      StringBuilder certs = new StringBuilder();
      try {
        for (X509Certificate c : chain) {
          certs.append(pem("CERTIFICATE", c.getEncoded()));
        }
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
      write(certificateFile, certs.toString());
      write(keyFile, pem("PRIVATE KEY", key.getEncoded()));
    }
  }

  /** Writes this authority's certificate as a PEM bundle file. */
  public void writeBundle(Path file) {
    try {
      write(file, pem("CERTIFICATE", certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KeyPair newKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }
}
