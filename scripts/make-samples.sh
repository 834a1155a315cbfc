#!/usr/bin/env bash
# Regenerates samples/: a small test PKI and S/MIME messages made with the
# openssl command (our peer), covering the cases a newcomer should see.
# The private keys stay in a temporary folder and are deleted; only the
# messages and the public certificates are kept.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/samples"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

cat > ca.cnf <<'CNF'
[req]
distinguished_name=dn
[dn]
[v3_ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
CNF

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out ca.key 2>/dev/null
openssl req -x509 -new -key ca.key -subj "/O=Signet Samples/CN=Signet Sample Root CA" -days 3650 \
  -config ca.cnf -extensions v3_ca -out ca.pem

serial=100
leaf() { # name email keyspec
  local name=$1 email=$2 spec=$3
  case $spec in
    rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$name.key" 2>/dev/null ;;
    ec) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$name.key" ;;
  esac
  openssl req -new -key "$name.key" -subj "/O=Signet Samples/CN=$name" -config ca.cnf -out "$name.csr"
  printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,nonRepudiation,keyEncipherment" \
    "extendedKeyUsage=emailProtection" "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid" \
    "subjectAltName=email:$email" > "$name.ext"
  openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -set_serial $((serial++)) -days 3650 \
    -extfile "$name.ext" -out "$name.pem" 2>/dev/null
}
leaf "Alice Example" alice@example.org rsa
leaf "Bob Example" bob@example.org ec
leaf "Alice Example EC" alice@example.org ec
leaf "Carol Example" carol@example.org rsa

# A CA nobody trusts, for the untrusted sample.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out stranger-ca.key 2>/dev/null
openssl req -x509 -new -key stranger-ca.key -subj "/O=Nobody You Know/CN=Stranger Root CA" -days 3650 \
  -config ca.cnf -extensions v3_ca -out stranger-ca.pem
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "Mallory Example.key" 2>/dev/null
openssl req -new -key "Mallory Example.key" -subj "/O=Nobody You Know/CN=Mallory Example" -config ca.cnf -out mallory.csr
printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" "extendedKeyUsage=emailProtection" \
  "subjectAltName=email:mallory@example.net" > mallory.ext
openssl x509 -req -in mallory.csr -CA stranger-ca.pem -CAkey stranger-ca.key -set_serial 7 -days 3650 \
  -extfile mallory.ext -out "Mallory Example.pem" 2>/dev/null

# The sample CA revokes Carol's certificate (key compromise) in a CRL made by `openssl ca`.
carol_serial="$(openssl x509 -in "Carol Example.pem" -noout -serial | cut -d= -f2)"
carol_end="$(date -u -d "$(openssl x509 -in "Carol Example.pem" -noout -enddate | cut -d= -f2)" +%y%m%d%H%M%SZ)"
printf 'R\t%s\t%s,keyCompromise\t%s\tunknown\t/O=Signet Samples/CN=Carol Example\n' \
  "$carol_end" "$(date -u -d '1 day ago' +%y%m%d%H%M%SZ)" "$carol_serial" > index.txt
echo 01 > crlnumber
cat > crl.cnf <<'CNF'
[ca]
default_ca=sample
[sample]
database=index.txt
crlnumber=crlnumber
default_md=sha256
default_crl_days=3650
crl_extensions=crl_ext
[crl_ext]
authorityKeyIdentifier=keyid
CNF
openssl ca -gencrl -config crl.cnf -keyfile ca.key -cert ca.pem -out ca-crl.pem 2>/dev/null
openssl crl -in ca-crl.pem -outform DER -out ca-crl.der

now="$(date -u '+%a, %d %b %Y %H:%M:%S +0000')"
body() { printf 'Content-Type: text/plain; charset=utf-8\n\n%s\n' "$1"; }
sign() { # outfile from subject [extra openssl args...]; content on stdin
  local file=$1 from=$2 subject=$3; shift 3
  cat > content.txt
  { printf 'Date: %s\n' "$now"
    openssl cms -sign -in content.txt -md sha256 -from "$from" -to bob@example.org -subject "$subject" "$@"
  } > "$file"
}
A=(-signer "Alice Example.pem" -inkey "Alice Example.key")
B=(-signer "Bob Example.pem" -inkey "Bob Example.key")
A2=(-signer "Alice Example EC.pem" -inkey "Alice Example EC.key")

body "Hi Bob, the signed contract is attached. Alice" | sign 01-signed-valid.eml alice@example.org "Signed by Alice" "${A[@]}"
body "Opaque-signed with ECDSA P-256. Bob" | sign 02-signed-opaque-ecdsa.eml bob@example.org "Opaque, ECDSA" "${B[@]}" -nodetach
sed 's/the signed contract/the changed contract/' 01-signed-valid.eml > 03-tampered.eml
body "Please wire the money today. (Signed with Alice's certificate, sent as the CEO.)" |
  sign 04-wrong-sender.eml ceo@example.org "Urgent" "${A[@]}"
{
  printf 'Date: %s\nFrom: alice@example.org\nTo: list@example.org\nSubject: Partially signed (list footer)\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="outer"\n\n--outer\n' "$now"
  sed -n '/^MIME-Version/,$p' 01-signed-valid.eml | sed '1d'
  printf '\n--outer\nContent-Type: text/plain\n\nThis footer was added by the mailing list, outside the signature.\n--outer--\n'
} > 05-partially-signed.eml
body "Signed with SHA-1, which is refused by default." | sign 06-sha1-signed.eml alice@example.org "SHA-1" "${A[@]}" -md sha1
cp 01-signed-valid.eml inner.eml
openssl cms -encrypt -aes-256-gcm -in inner.eml -from alice@example.org -to bob@example.org -subject "Encrypted to Bob" \
  -out enc.eml "Bob Example.pem"
{ printf 'Date: %s\n' "$now"; cat enc.eml; } > 07-encrypted-to-bob.eml
printf 'Date: %s\nFrom: alice@example.org\nTo: bob@example.org\nSubject: Plain mail\n\nNo signature, no encryption.\n' "$now" > 08-unsigned.eml
body "Signed by a stranger whose CA you have never trusted." | sign 10-untrusted-signer.eml mallory@example.net "Untrusted signer" \
  -signer "Mallory Example.pem" -inkey "Mallory Example.key"
body "Carol's key was stolen; her CA revoked the certificate. The CRL travels inside the signature." |
  sign carol.eml carol@example.org "Revoked certificate" -signer "Carol Example.pem" -inkey "Carol Example.key"
node "$(dirname "$out")/scripts/attach-revocation-info.mjs" carol.eml ca-crl.der > 11-revoked.eml
body "Dual-signed by Alice with her RSA and her ECDSA certificates." | sign 09-two-signers.eml alice@example.org "Two signers" "${A[@]}" "${A2[@]}"

rm -rf "$out"
mkdir -p "$out/certs"
cp [01]*.eml "$out/"
cp ca.pem "$out/certs/signet-sample-root-ca.pem"
cp "Alice Example.pem" "$out/certs/alice.pem"
cp "Bob Example.pem" "$out/certs/bob.pem"
cp "Alice Example EC.pem" "$out/certs/alice-ec.pem"
cp "Carol Example.pem" "$out/certs/carol-revoked.pem"
cp ca-crl.pem "$out/certs/signet-sample-root-ca.crl.pem"
echo "samples written to $out"
