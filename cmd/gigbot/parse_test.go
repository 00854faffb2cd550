package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestPostingParse(t *testing.T) {
	t.Chdir(t.TempDir())
	code, out, errOut := runCmd(t, "招聘保洁2名，河西区友谊路，日结150元，明天早上8点到，电话13812345678", "posting", "parse")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	want := map[string]any{"district": "河西区", "street": "友谊路街道", "headcount": 2.0, "phone": "13812345678"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	if pay := got["pay"].(map[string]any); pay["min"] != 150.0 || pay["unit"] != "day" {
		t.Errorf("pay = %v", pay)
	}
	if skills := got["skills"].([]any); len(skills) != 1 || skills[0] != "保洁" {
		t.Errorf("skills = %v", skills)
	}
	if !strings.Contains(got["start"].(string), "T08:00:00+08:00") {
		t.Errorf("start = %v", got["start"])
	}
	if s := got["screening"].(map[string]any); s["verdict"] != "ok" {
		t.Errorf("screening = %v", s)
	}
}

// TestPostingParseDurationAndNotes checks the fields added to the contract:
// the job's length, and what no field took kept for the reader.
func TestPostingParseDurationAndNotes(t *testing.T) {
	t.Chdir(t.TempDir())
	code, out, _ := runCmd(t, "【急招】蓟州园林绿化工人8名，日结180，干十天，包吃住，持证上岗", "posting", "parse")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var got struct {
		Duration *struct {
			Text string `json:"text"`
			Days int    `json:"days"`
		} `json:"duration"`
		Notes []string `json:"notes"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Duration == nil || got.Duration.Text != "10天" || got.Duration.Days != 10 {
		t.Errorf("duration = %+v, want 10天 / 10 days", got.Duration)
	}
	if !slices.Contains(got.Notes, "包吃住") || !slices.Contains(got.Notes, "持证上岗") {
		t.Errorf("notes = %q, want 包吃住 and 持证上岗 kept", got.Notes)
	}
}

func TestPostingParseEmptyAndBadInput(t *testing.T) {
	t.Chdir(t.TempDir())
	code, out, _ := runCmd(t, "", "posting", "parse")
	if code != 0 {
		t.Fatalf("empty input: exit %d", code)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if skills, ok := got["skills"].([]any); !ok || len(skills) != 0 {
		t.Errorf("empty input: skills = %v, want []", got["skills"])
	}
	for _, k := range []string{"district", "pay", "phone", "start", "location", "duration", "notes"} {
		if _, ok := got[k]; ok {
			t.Errorf("empty input: %s present", k)
		}
	}
	code, out, errOut := runCmd(t, "招聘\xff\xfe保洁", "posting", "parse")
	if code != 2 || out != "" || !strings.Contains(errOut, "UTF-8") {
		t.Fatalf("non-UTF-8 input: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestBadConfigNamesTheKey(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	path := filepath.Join(dir, "c.yaml")
	os.WriteFile(path, []byte("push:\n  daily_cap: -3\n"), 0o600)
	for _, args := range [][]string{
		{"posting", "parse", "--config", path},
		{"serve", "--config", path},
		{"chat", "--config", path},
	} {
		code, _, errOut := runCmd(t, "", args...)
		if code == 0 || !strings.Contains(errOut, "push.daily_cap") || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q: want one line naming push.daily_cap", args, code, errOut)
		}
	}
	t.Setenv("GIGBOT_HTTP_LISTEN", "nowhere")
	code, _, errOut := runCmd(t, "", "serve")
	if code == 0 || !strings.Contains(errOut, "http.listen") {
		t.Errorf("bad env override: exit %d, %q", code, errOut)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := runCmd(t, "", "version")
	if code != 0 || !strings.HasPrefix(out, "gigbot ") {
		t.Fatalf("version: %d %q", code, out)
	}
}
