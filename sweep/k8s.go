package sweep

import (
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"text/template"
)

// K8sOptions are the settings of a study's Kubernetes manifests.
type K8sOptions struct {
	// Image is the container image holding removalsim as its entrypoint
	// (the repository's Dockerfile builds one).
	Image string
	// Shards is the number of pods (completions of the Indexed Job).
	Shards int
	// Parallelism is the most pods running at once; 0 means Shards.
	Parallelism int
	// Claim is the PersistentVolumeClaim shared by the pods (ReadWriteMany:
	// NFS, CephFS, EFS, Filestore, Azure Files, or an object store mounted
	// through a CSI driver that supports rename). Default "removalsim-studies".
	Claim string
	// Prefix is the study's directory in the volume; default the job name.
	Prefix string
	// Workers is the runs in parallel in each pod (0: one per CPU).
	Workers int
	// CPU and Memory are each pod's requests (default "1" and "1Gi").
	CPU, Memory string
	// Namespace, when set, is written into every object.
	Namespace string
}

// K8sName is the DNS-1123 name of a study's objects: the sweep's name
// in lower case, other characters replaced by "-", at most 50 long.
func K8sName(s *Spec) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s.Name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	name := strings.Trim(b.String(), "-")
	if len(name) > 50 {
		name = strings.TrimRight(name[:50], "-")
	}
	if name == "" {
		name = "sweep"
	}
	return "removalsim-" + name
}

// K8s writes the Kubernetes objects that run the study on a cluster: a
// ConfigMap with the sweep file, an Indexed Job of Shards pods, each
// running "removalsim sweep --shards N" with its shard taken from
// JOB_COMPLETION_INDEX, and a merge Job that waits for every batch and
// writes the tables. All three can be applied at once.
//
// The sweep's scenario must be reachable inside the pod: empty (the
// embedded baseline), builtin:NAME, or an absolute path in the image.
func K8s(w io.Writer, s *Spec, o K8sOptions) error {
	if o.Image == "" {
		return fmt.Errorf("an image is needed (build one with the repository's Dockerfile)")
	}
	if o.Shards < 1 || o.Shards > 100_000 {
		return fmt.Errorf("want 1 to 100000 shards, got %d", o.Shards)
	}
	if o.Parallelism < 0 {
		return fmt.Errorf("parallelism must not be negative, got %d", o.Parallelism)
	}
	if sc := s.Scenario; sc != "" && !strings.HasPrefix(sc, "builtin:") && !path.IsAbs(sc) {
		return fmt.Errorf("scenario %s: a pod reads the sweep from a ConfigMap, where no relative path leads; use scenario: builtin:NAME, or an absolute path to a scenario you COPY into the image", sc)
	}
	if strings.Contains(string(s.Source), "\t") {
		return fmt.Errorf("the sweep file holds tabs, which a ConfigMap's YAML block cannot carry; use spaces")
	}
	name := K8sName(s)
	d := &k8sData{K8sOptions: o, Name: name, Source: string(s.Source), SHA: s.Hash[:12]}
	if d.Parallelism == 0 || d.Parallelism > d.Shards {
		d.Parallelism = d.Shards
	}
	if d.Claim == "" {
		d.Claim = "removalsim-studies"
	}
	if d.Prefix == "" {
		d.Prefix = name
	}
	d.Prefix = strings.Trim(path.Clean("/"+d.Prefix), "/")
	d.Out = "/out/" + d.Prefix
	if d.CPU == "" {
		d.CPU = "1"
	}
	if d.Memory == "" {
		d.Memory = "1Gi"
	}
	return k8sTemplate.Execute(w, d)
}

type k8sData struct {
	K8sOptions
	Name, Source, SHA string
	// Out is the study's directory in the pods.
	Out string
}

// k8sJob is one of the two Jobs: the shards' (Indexed) or the merge's.
type k8sJob struct {
	*k8sData
	Suffix, Container string
	Indexed           bool
}

var k8sTemplate = template.Must(template.New("k8s").Funcs(template.FuncMap{
	"q": strconv.Quote, // a JSON-compatible string is a YAML string
	"job": func(d *k8sData, suffix, container string, indexed bool) k8sJob {
		return k8sJob{d, suffix, container, indexed}
	},
	"indent": func(n int, s string) string {
		pad := strings.Repeat(" ", n)
		return pad + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n"+pad)
	},
}).Parse(`# removalsim study {{q .Name}} (sweep sha256 {{.SHA}}...): {{.Shards}} shards.
#   kubectl apply -f THIS_FILE
#   kubectl wait --for=condition=complete job/{{.Name}}-merge --timeout=168h
# The tables are then in the volume {{q .Claim}} under {{.Prefix}}/:
# results.csv, results.parquet (and indices.csv for a sensitivity study).
# A failed pod is retried (backoffLimitPerIndex); its shard resumes at its
# first unfinished batch. Re-applying after deleting the Jobs resumes too.
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{.Name}}
{{- if .Namespace}}
  namespace: {{q .Namespace}}
{{- end}}
  labels:
    app.kubernetes.io/name: removalsim
    removalsim/sweep: {{.Name}}
data:
  sweep.yaml: |2
{{indent 4 .Source}}

---
{{template "job" (job . "" "shard" true)}}
---
{{template "job" (job . "-merge" "merge" false)}}
{{- define "job" -}}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{.Name}}{{.Suffix}}
{{- if .Namespace}}
  namespace: {{q .Namespace}}
{{- end}}
  labels:
    app.kubernetes.io/name: removalsim
    removalsim/sweep: {{.Name}}
spec:
{{- if .Indexed}}
  completionMode: Indexed
  completions: {{.Shards}}
  parallelism: {{.Parallelism}}
  backoffLimitPerIndex: 3
  maxFailedIndexes: {{.Shards}}
{{- else}}
  completions: 1
  parallelism: 1
  backoffLimit: 3
{{- end}}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: removalsim
        removalsim/sweep: {{.Name}}
    spec:
      restartPolicy: Never
      securityContext:
        runAsNonRoot: true
        runAsUser: 65532
        runAsGroup: 65532
        fsGroup: 65532
      containers:
        - name: {{.Container}}
          image: {{q .Image}}
{{- if .Indexed}}
          args: ["sweep", "/etc/removalsim/sweep.yaml", "--out", {{q .Out}}, "--shards", "{{.Shards}}", "--workers", "{{.Workers}}"]
{{- else}}
          args: ["sweep", "merge", {{q .Out}}, "--wait", "168h"]
{{- end}}
          resources:
            requests:
              cpu: {{q .CPU}}
              memory: {{q .Memory}}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
          volumeMounts:
{{- if .Indexed}}
            - name: sweep
              mountPath: /etc/removalsim
              readOnly: true
{{- end}}
            - name: out
              mountPath: /out
      volumes:
{{- if .Indexed}}
        - name: sweep
          configMap:
            name: {{.Name}}
{{- end}}
        - name: out
          persistentVolumeClaim:
            claimName: {{q .Claim}}
{{- end}}
`))
