package ops

import (
	"database/sql"
	"net/http"
	"strconv"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the server's Prometheus metrics, in a registry of their own
// (not the global one, so that several servers can run in one process, as
// in tests).
type Metrics struct {
	registry   *prometheus.Registry
	requests   *prometheus.CounterVec
	duration   *prometheus.HistogramVec
	inFlight   prometheus.Gauge
	errors     *prometheus.CounterVec
	executions *prometheus.CounterVec
	operations *labelSet
}

// MaxOperationLabels is how many distinct GraphQL operation names the
// metrics keep apart. Clients choose the names, so past this many the rest
// count as "other": a client cannot blow up the number of series.
const MaxOperationLabels = 100

// NewMetrics returns the metrics with the Go runtime and process collectors
// registered.
func NewMetrics() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "skillgraph_http_requests_total",
			Help: "HTTP requests answered, by route, GraphQL operation name (\"\" for other routes) and status code.",
		}, []string{"route", "operation", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "skillgraph_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route and GraphQL operation name.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "operation"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "skillgraph_http_requests_in_flight",
			Help: "HTTP requests being answered.",
		}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "skillgraph_errors_total",
			Help: "Errors answered, by extensions.code (one request may answer several).",
		}, []string{"code"}),
		executions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "skillgraph_graphql_executions_total",
			Help: "GraphQL operations that passed every check and ran, by operation name; requests minus these were refused up front.",
		}, []string{"operation"}),
		operations: &labelSet{max: MaxOperationLabels, seen: map[string]bool{}},
	}
	m.registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.requests, m.duration, m.inFlight, m.errors, m.executions,
	)
	return m
}

// Register adds a collector, such as DBPoolCollector.
func (m *Metrics) Register(c prometheus.Collector) error { return m.registry.Register(c) }

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}

// observe records one answered request.
func (m *Metrics) observe(route, operation string, status int, seconds float64, executed bool, codes []string) {
	op := m.operations.label(operation)
	m.requests.WithLabelValues(route, op, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(route, op).Observe(seconds)
	if executed {
		m.executions.WithLabelValues(op).Inc()
	}
	for _, c := range codes {
		m.errors.WithLabelValues(c).Inc()
	}
}

// labelSet caps the distinct values of a client-chosen label.
type labelSet struct {
	mu   sync.Mutex
	max  int
	seen map[string]bool
}

func (s *labelSet) label(v string) string {
	if v == "" {
		return ""
	}
	if len(v) > 64 {
		return "other"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen[v] {
		return v
	}
	if len(s.seen) >= s.max {
		return "other"
	}
	s.seen[v] = true
	return v
}

// DBPoolCollector exports the statistics of database connection pools, as
// stats returns them by pool name, with a "pool" label.
func DBPoolCollector(stats func() map[string]sql.DBStats) prometheus.Collector {
	return &dbPoolCollector{stats: stats}
}

type dbPoolCollector struct {
	stats func() map[string]sql.DBStats
}

var (
	dbMaxOpen = prometheus.NewDesc("skillgraph_db_max_open_connections",
		"Maximum number of open connections of the pool.", []string{"pool"}, nil)
	dbOpen = prometheus.NewDesc("skillgraph_db_open_connections",
		"Open connections of the pool, in use and idle.", []string{"pool"}, nil)
	dbInUse = prometheus.NewDesc("skillgraph_db_in_use_connections",
		"Connections of the pool in use.", []string{"pool"}, nil)
	dbIdle = prometheus.NewDesc("skillgraph_db_idle_connections",
		"Idle connections of the pool.", []string{"pool"}, nil)
	dbWaits = prometheus.NewDesc("skillgraph_db_wait_count_total",
		"Times a query waited for a connection of the pool.", []string{"pool"}, nil)
	dbWaitSeconds = prometheus.NewDesc("skillgraph_db_wait_duration_seconds_total",
		"Time spent waiting for a connection of the pool.", []string{"pool"}, nil)
	dbClosedIdle = prometheus.NewDesc("skillgraph_db_max_idle_closed_total",
		"Connections of the pool closed because of the idle limit.", []string{"pool"}, nil)
	dbClosedIdleTime = prometheus.NewDesc("skillgraph_db_max_idle_time_closed_total",
		"Connections of the pool closed because of the idle time limit.", []string{"pool"}, nil)
	dbClosedLifetime = prometheus.NewDesc("skillgraph_db_max_lifetime_closed_total",
		"Connections of the pool closed because of the lifetime limit.", []string{"pool"}, nil)
)

func (c *dbPoolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{dbMaxOpen, dbOpen, dbInUse, dbIdle, dbWaits, dbWaitSeconds, dbClosedIdle, dbClosedIdleTime, dbClosedLifetime} {
		ch <- d
	}
}

func (c *dbPoolCollector) Collect(ch chan<- prometheus.Metric) {
	for pool, s := range c.stats() {
		gauge := func(d *prometheus.Desc, v float64) {
			ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, pool)
		}
		counter := func(d *prometheus.Desc, v float64) {
			ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v, pool)
		}
		gauge(dbMaxOpen, float64(s.MaxOpenConnections))
		gauge(dbOpen, float64(s.OpenConnections))
		gauge(dbInUse, float64(s.InUse))
		gauge(dbIdle, float64(s.Idle))
		counter(dbWaits, float64(s.WaitCount))
		counter(dbWaitSeconds, s.WaitDuration.Seconds())
		counter(dbClosedIdle, float64(s.MaxIdleClosed))
		counter(dbClosedIdleTime, float64(s.MaxIdleTimeClosed))
		counter(dbClosedLifetime, float64(s.MaxLifetimeClosed))
	}
}
