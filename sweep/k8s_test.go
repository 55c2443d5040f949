package sweep

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"
)

// TestK8sManifest is issue 17's bar: the Indexed Job decodes strictly
// into Kubernetes' own batch/v1 Job with completionMode Indexed and N
// completions; the ConfigMap carries the sweep file unchanged, and the
// merge Job reads the directory the shards write.
func TestK8sManifest(t *testing.T) {
	spec, err := Parse("study.yaml", []byte(gridStudy))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		o               K8sOptions
		wantParallelism int32
	}{
		{K8sOptions{Image: "ghcr.io/example/removalsim:v1", Shards: 8}, 8},
		{K8sOptions{Image: "registry.local/removalsim@sha256:abc", Shards: 200, Parallelism: 20, Claim: "studies", Prefix: "/team/a/", Namespace: "science", Workers: 2, CPU: "2", Memory: "3Gi"}, 20},
	} {
		var buf bytes.Buffer
		if err := K8s(&buf, spec, tt.o); err != nil {
			t.Fatal(err)
		}
		docs := strings.Split(buf.String(), "\n---\n")
		if len(docs) != 3 {
			t.Fatalf("%d YAML documents, want 3 (ConfigMap, Job, merge Job)", len(docs))
		}
		var cm corev1.ConfigMap
		if err := yaml.UnmarshalStrict([]byte(docs[0]), &cm); err != nil {
			t.Fatalf("ConfigMap: %v\n%s", err, docs[0])
		}
		if cm.Kind != "ConfigMap" || cm.Data["sweep.yaml"] != gridStudy {
			t.Errorf("ConfigMap %s holds %q, want the sweep file", cm.Kind, cm.Data["sweep.yaml"])
		}
		var job, merge batchv1.Job
		if err := yaml.UnmarshalStrict([]byte(docs[1]), &job); err != nil {
			t.Fatalf("Job: %v\n%s", err, docs[1])
		}
		if err := yaml.UnmarshalStrict([]byte(docs[2]), &merge); err != nil {
			t.Fatalf("merge Job: %v\n%s", err, docs[2])
		}
		if job.APIVersion != "batch/v1" || job.Kind != "Job" {
			t.Errorf("apiVersion %q kind %q", job.APIVersion, job.Kind)
		}
		js := job.Spec
		if js.CompletionMode == nil || *js.CompletionMode != batchv1.IndexedCompletion {
			t.Errorf("completionMode %v, want Indexed", js.CompletionMode)
		}
		if js.Completions == nil || *js.Completions != int32(tt.o.Shards) {
			t.Errorf("completions %v, want %d", js.Completions, tt.o.Shards)
		}
		if js.Parallelism == nil || *js.Parallelism != tt.wantParallelism {
			t.Errorf("parallelism %v, want %d", js.Parallelism, tt.wantParallelism)
		}
		pod := js.Template.Spec
		if pod.RestartPolicy != corev1.RestartPolicyNever || pod.SecurityContext.RunAsNonRoot == nil || !*pod.SecurityContext.RunAsNonRoot {
			t.Errorf("pod: restartPolicy %s, runAsNonRoot %v", pod.RestartPolicy, pod.SecurityContext.RunAsNonRoot)
		}
		c := pod.Containers[0]
		out := "/out/" + strings.Trim(tt.o.Prefix, "/")
		if tt.o.Prefix == "" {
			out = "/out/" + K8sName(spec)
		}
		args := strings.Join(c.Args, " ")
		if c.Image != tt.o.Image || !strings.HasPrefix(args, "sweep /etc/removalsim/sweep.yaml --out "+out+" --shards ") {
			t.Errorf("shard container: image %q args %q", c.Image, args)
		}
		if i := slices.Index(c.Args, "--shards"); i < 0 || c.Args[i+1] != strconv.Itoa(tt.o.Shards) {
			t.Errorf("--shards in %q, want %d", args, tt.o.Shards)
		}
		m := merge.Spec.Template.Spec.Containers[0]
		if margs := strings.Join(m.Args, " "); !strings.HasPrefix(margs, "sweep merge "+out+" --wait") {
			t.Errorf("merge args %q, want sweep merge %s --wait ...", margs, out)
		}
		if merge.Spec.CompletionMode != nil || *merge.Spec.Completions != 1 {
			t.Errorf("merge Job: completionMode %v, completions %v", merge.Spec.CompletionMode, merge.Spec.Completions)
		}
		claim := tt.o.Claim
		if claim == "" {
			claim = "removalsim-studies"
		}
		for _, p := range []corev1.PodSpec{pod, merge.Spec.Template.Spec} {
			var found bool
			for _, v := range p.Volumes {
				if v.PersistentVolumeClaim != nil && v.PersistentVolumeClaim.ClaimName == claim {
					found = true
				}
			}
			if !found {
				t.Errorf("no volume from claim %s", claim)
			}
		}
		if tt.o.Namespace != "" && (job.Namespace != tt.o.Namespace || cm.Namespace != tt.o.Namespace) {
			t.Errorf("namespace %q/%q, want %q", job.Namespace, cm.Namespace, tt.o.Namespace)
		}
	}
}

func TestK8sRefuses(t *testing.T) {
	spec, err := Parse("study.yaml", []byte(strings.Replace(gridStudy, "months: 12", "months: 12\nscenario: ../x.yaml", 1)))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []K8sOptions{
		{Image: "x", Shards: 2}, // relative scenario
		{Image: "", Shards: 2},  // no image
	} {
		if err := K8s(new(bytes.Buffer), spec, o); err == nil {
			t.Errorf("K8s(%+v) accepted", o)
		}
	}
	spec.Scenario = ""
	if err := K8s(new(bytes.Buffer), spec, K8sOptions{Image: "x", Shards: 0}); err == nil {
		t.Error("0 shards accepted")
	}
}
