package fakewechat

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Signature is WeChat's callback signature: the hex SHA-1 of the parts
// sorted and concatenated (token, timestamp, nonce, and in safe mode the
// Encrypt field for msg_signature).
func Signature(parts ...string) string {
	p := append([]string(nil), parts...)
	sort.Strings(p)
	sum := sha1.Sum([]byte(strings.Join(p, "")))
	return hex.EncodeToString(sum[:])
}

// SignedQuery is the query WeChat puts on a callback: a fresh timestamp
// and nonce and their signature with token.
func SignedQuery(token string) url.Values {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	nonce := randomDigits()
	return url.Values{
		"signature": {Signature(token, ts, nonce)},
		"timestamp": {ts},
		"nonce":     {nonce},
	}
}

// SignedURL is base with a SignedQuery: where WeChat posts a plaintext
// callback. Add "echostr" to the query for a URL verification GET.
func SignedURL(base, token string) string {
	return base + "?" + SignedQuery(token).Encode()
}

// NewEncodingAESKey returns a random EncodingAESKey: 43 characters of
// base64 for a 32-byte AES key, as the Official Account console makes.
func NewEncodingAESKey() string {
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	return strings.TrimSuffix(base64.StdEncoding.EncodeToString(key), "=")
}

// Encrypt builds a safe-mode callback from plainXML as WeChat sends it:
// the body <xml><ToUserName/><Encrypt/></xml> and the query to post it
// with (signature, timestamp, nonce, encrypt_type=aes, msg_signature).
// Encrypt is base64(AES-256-CBC(random 16 bytes + 4-byte big-endian length
// + plainXML + appID, PKCS#7 padded to 32)), IV = the key's first 16 bytes.
func Encrypt(encodingAESKey, appID, token string, plainXML []byte) (body []byte, query url.Values, err error) {
	key, err := decodeKey(encodingAESKey)
	if err != nil {
		return nil, nil, err
	}
	random := make([]byte, 16)
	_, _ = rand.Read(random)
	plain := make([]byte, 0, 20+len(plainXML)+len(appID)+32)
	plain = append(plain, random...)
	plain = binary.BigEndian.AppendUint32(plain, uint32(len(plainXML)))
	plain = append(plain, plainXML...)
	plain = append(plain, appID...)
	pad := 32 - len(plain)%32
	plain = append(plain, bytes.Repeat([]byte{byte(pad)}, pad)...)
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, nil, err
	}
	cipher.NewCBCEncrypter(block, key[:16]).CryptBlocks(plain, plain)
	encrypted := base64.StdEncoding.EncodeToString(plain)

	var head struct {
		ToUserName string `xml:"ToUserName"`
	}
	_ = xml.Unmarshal(plainXML, &head) // the envelope repeats it when there is one
	body = fmt.Appendf(nil, "<xml><ToUserName>%s</ToUserName><Encrypt>%s</Encrypt></xml>",
		cdata(head.ToUserName), cdata(encrypted))

	query = SignedQuery(token)
	query.Set("encrypt_type", "aes")
	query.Set("msg_signature", Signature(token, query.Get("timestamp"), query.Get("nonce"), encrypted))
	return body, query, nil
}

// DecryptReply reads a safe-mode passive reply (<xml><Encrypt/>
// <MsgSignature/><TimeStamp/><Nonce/></xml>): it checks MsgSignature with
// token, decrypts, checks the appID at the end and returns the inner XML.
func DecryptReply(encodingAESKey, appID, token string, body []byte) ([]byte, error) {
	var env struct {
		Encrypt      string `xml:"Encrypt"`
		MsgSignature string `xml:"MsgSignature"`
		TimeStamp    string `xml:"TimeStamp"`
		Nonce        string `xml:"Nonce"`
	}
	if err := xml.Unmarshal(body, &env); err != nil {
		return nil, fmt.Errorf("reply envelope: %w", err)
	}
	if env.Encrypt == "" {
		return nil, errors.New("reply envelope: no Encrypt")
	}
	if Signature(token, env.TimeStamp, env.Nonce, env.Encrypt) != env.MsgSignature {
		return nil, errors.New("reply envelope: bad MsgSignature")
	}
	key, err := decodeKey(encodingAESKey)
	if err != nil {
		return nil, err
	}
	data, err := base64.StdEncoding.DecodeString(env.Encrypt)
	if err != nil || len(data) == 0 || len(data)%32 != 0 {
		return nil, errors.New("reply: Encrypt is not base64 of whole 32-byte blocks")
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	cipher.NewCBCDecrypter(block, key[:16]).CryptBlocks(data, data)
	pad := int(data[len(data)-1])
	if pad < 1 || pad > 32 || pad > len(data) {
		return nil, errors.New("reply: bad padding")
	}
	data = data[:len(data)-pad]
	if len(data) < 20 {
		return nil, errors.New("reply: too short")
	}
	n := int(binary.BigEndian.Uint32(data[16:20]))
	if n > len(data)-20 {
		return nil, errors.New("reply: bad length")
	}
	if got := string(data[20+n:]); got != appID {
		return nil, fmt.Errorf("reply: appid %q, want %q", got, appID)
	}
	return data[20 : 20+n], nil
}

// Reply is a passive reply as the user's WeChat would show it.
type Reply struct {
	ToUserName   string `xml:"ToUserName"`
	FromUserName string `xml:"FromUserName"`
	CreateTime   int64  `xml:"CreateTime"`
	MsgType      string `xml:"MsgType"`
	Content      string `xml:"Content"`
}

// ParseReply reads a plaintext passive reply (or DecryptReply's result).
func ParseReply(body []byte) (Reply, error) {
	var r Reply
	err := xml.Unmarshal(body, &r)
	return r, err
}

func decodeKey(encodingAESKey string) ([]byte, error) {
	key, err := base64.StdEncoding.DecodeString(encodingAESKey + "=")
	if err != nil || len(encodingAESKey) != 43 || len(key) != 32 {
		return nil, errors.New("EncodingAESKey must be 43 characters of base64 for 32 bytes")
	}
	return key, nil
}

func randomDigits() string {
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	var n uint64
	for _, c := range b {
		n = n<<8 | uint64(c)
	}
	return strconv.FormatUint(n%1e10, 10)
}
