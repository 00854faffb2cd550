// Package gigbot holds gigbot's domain: the plain types every other package
// shares (workers, postings, fairs, notices, messages and replies) and the
// small interfaces that storage, the index and the channels implement.
// It imports only the standard library.
package gigbot

import (
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"math"
	"time"
)

// Channel names a chat platform a user reaches gigbot through.
type Channel string

// The channels gigbot speaks.
const (
	ChannelWeChat   Channel = "wechat"
	ChannelTelegram Channel = "telegram"
	ChannelTerminal Channel = "terminal"
)

// UserRef identifies one user on one channel (an OpenID, a Telegram user id,
// a terminal user name). It is personal data: it logs as a short hash.
type UserRef struct {
	Channel Channel
	ID      string
}

// Key is the stable string form "channel:id" used as a storage key.
func (u UserRef) Key() string { return string(u.Channel) + ":" + u.ID }

// IsZero reports whether u names nobody.
func (u UserRef) IsZero() bool { return u.ID == "" }

// Hash is a short, stable, non-reversible tag for logs.
func (u UserRef) Hash() string {
	sum := sha256.Sum256([]byte(u.Key()))
	return hex.EncodeToString(sum[:6])
}

// LogValue keeps OpenIDs and user ids out of logs.
func (u UserRef) LogValue() slog.Value {
	return slog.GroupValue(slog.String("channel", string(u.Channel)), slog.String("user", u.Hash()))
}

// Role is what a user is doing in a conversation.
type Role string

// The roles of a conversation.
const (
	RoleWorker   Role = "worker"
	RoleEmployer Role = "employer"
	RoleStaff    Role = "staff"
)

// Point is a WGS-84 position. The zero Point means "unknown".
type Point struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// IsZero reports whether the point is unknown.
func (p Point) IsZero() bool { return p.Lat == 0 && p.Lon == 0 }

// LogValue keeps precise coordinates out of logs (rounded to ~10 km).
func (p Point) LogValue() slog.Value {
	return slog.StringValue("~" + formatCoarse(p.Lat) + "," + formatCoarse(p.Lon))
}

func formatCoarse(f float64) string {
	return slog.Float64Value(math.Round(f*10) / 10).String()
}

// DistanceKm is the great-circle distance between two points in kilometres.
func DistanceKm(a, b Point) float64 {
	const earthRadiusKm = 6371.0
	rad := math.Pi / 180
	dLat := (b.Lat - a.Lat) * rad
	dLon := (b.Lon - a.Lon) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(h)))
}

// Place is a resolved location: official district name, street (may be
// empty) and a representative point.
type Place struct {
	District string `json:"district,omitempty"`
	Street   string `json:"street,omitempty"`
	Point    Point  `json:"location"`
}

// Clock is where every package gets the time from, so tests can move it.
// clockwork.Clock satisfies it.
type Clock interface {
	Now() time.Time
}
