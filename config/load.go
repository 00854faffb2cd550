package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Load builds the configuration: defaults, then the YAML file at path,
// then the GIGBOT_* variables in env (as from os.Environ), then Validate.
// An empty path looks for ./config.yaml and runs on defaults without it.
// Every error is one line naming the file, key or variable at fault.
func Load(path string, env []string) (Config, error) {
	cfg := Default()
	explicit := path != ""
	if !explicit {
		path = DefaultConfigFileName
	}
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := decodeYAML(data, &cfg); err != nil {
			return cfg, fmt.Errorf("config %s: %w", path, err)
		}
	case !explicit && errors.Is(err, fs.ErrNotExist):
		// No file: built-in defaults, as the contract says.
	default:
		return cfg, fmt.Errorf("config %s: %w", path, err)
	}
	if err := applyEnv(&cfg, env); err != nil {
		return cfg, err
	}
	if err := cfg.Validate(); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// decodeYAML rejects unknown keys so a typo does not silently fall back to
// a default.
func decodeYAML(data []byte, cfg *Config) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(cfg)
	if err == nil || errors.Is(err, io.EOF) {
		return nil
	}
	msg := strings.ReplaceAll(err.Error(), "\n", ";")
	if key := keyAtLine(data, firstLine(msg)); key != "" {
		msg = key + ": " + msg
	}
	return errors.New(msg)
}

var lineRef = regexp.MustCompile(`line (\d+)`)

func firstLine(msg string) int {
	m := lineRef.FindStringSubmatch(msg)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// keyAtLine finds the dotted key whose value sits on line, so a type error
// ("cannot unmarshal !!str into int") names the key, not only the line.
func keyAtLine(data []byte, line int) string {
	var root yaml.Node
	if line == 0 || yaml.Unmarshal(data, &root) != nil || len(root.Content) == 0 {
		return ""
	}
	var find func(n *yaml.Node, prefix string) string
	find = func(n *yaml.Node, prefix string) string {
		if n.Kind != yaml.MappingNode {
			return ""
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			key := k.Value
			if prefix != "" {
				key = prefix + "." + k.Value
			}
			if v.Kind != yaml.MappingNode && (v.Line == line || k.Line == line) {
				return key
			}
			if found := find(v, key); found != "" {
				return found
			}
		}
		return ""
	}
	return find(root.Content[0], "")
}

// envPrefix starts every override variable.
const envPrefix = "GIGBOT_"

// applyEnv sets each key that has a GIGBOT_<PATH> variable. Lists are
// comma separated.
func applyEnv(cfg *Config, env []string) error {
	vars := map[string]string{}
	for _, kv := range env {
		k, v, ok := strings.Cut(kv, "=")
		if ok && strings.HasPrefix(k, envPrefix) {
			vars[k] = v
		}
	}
	if len(vars) == 0 {
		return nil
	}
	var firstErr error
	walk(reflect.ValueOf(cfg).Elem(), "", func(key string, field reflect.Value) {
		name := EnvName(key)
		raw, ok := vars[name]
		if !ok || firstErr != nil {
			return
		}
		if err := setFromString(field, raw); err != nil {
			firstErr = fmt.Errorf("config: %s (from %s): %w", key, name, err)
		}
	})
	return firstErr
}

// EnvName is the environment variable that overrides a dotted key:
// wechat.app_secret → GIGBOT_WECHAT_APP_SECRET.
func EnvName(key string) string {
	return envPrefix + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// Keys lists every dotted key of the configuration, in declaration order.
func Keys() []string {
	var keys []string
	cfg := Default()
	walk(reflect.ValueOf(&cfg).Elem(), "", func(key string, _ reflect.Value) { keys = append(keys, key) })
	return keys
}

// walk calls fn for every leaf field with its dotted YAML key.
func walk(v reflect.Value, prefix string, fn func(key string, field reflect.Value)) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		key := tag
		if prefix != "" {
			key = prefix + "." + tag
		}
		f := v.Field(i)
		if f.Kind() == reflect.Struct {
			walk(f, key, fn)
			continue
		}
		fn(key, f)
	}
}

var durationType = reflect.TypeOf(time.Duration(0))

func setFromString(f reflect.Value, raw string) error {
	switch {
	case f.Type() == durationType:
		d, err := time.ParseDuration(raw)
		if err != nil {
			return fmt.Errorf("not a duration: %q", raw)
		}
		f.SetInt(int64(d))
	case f.Kind() == reflect.String:
		f.SetString(raw)
	case f.Kind() == reflect.Bool:
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return fmt.Errorf("not a boolean: %q", raw)
		}
		f.SetBool(b)
	case f.Kind() == reflect.Int:
		n, err := strconv.Atoi(raw)
		if err != nil {
			return fmt.Errorf("not an integer: %q", raw)
		}
		f.SetInt(int64(n))
	case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
		items := []string{}
		for _, s := range strings.Split(raw, ",") {
			if s = strings.TrimSpace(s); s != "" {
				items = append(items, s)
			}
		}
		f.Set(reflect.ValueOf(items))
	default:
		return fmt.Errorf("unsupported type %s", f.Type())
	}
	return nil
}
