package synth

// The vocabulary synthetic skills are named from: real technology names and
// practices, each with its Korean spelling, so that names, aliases and texts
// read like those of real postings and a search for "kafka" or "스파크" finds
// something. Every English word is ASCII letters and digits (slugs are made
// from them) and every Korean word is Hangul only, so the two languages
// never fold to the same name key.

// category is a skill category and its Korean name.
type category struct{ slug, en, ko string }

var categories = []category{
	{"language", "Programming languages", "프로그래밍 언어"},
	{"streaming", "Streaming and messaging", "스트리밍·메시징"},
	{"processing", "Distributed processing", "분산 처리"},
	{"storage", "Databases and storage", "데이터베이스·스토리지"},
	{"warehouse", "Warehouses and lakes", "웨어하우스·레이크"},
	{"orchestration", "Workflow orchestration", "워크플로 오케스트레이션"},
	{"cloud", "Cloud and infrastructure", "클라우드·인프라"},
	{"observability", "Monitoring and observability", "모니터링·관측성"},
	{"analytics", "Analytics and visualization", "분석·시각화"},
	{"ml", "Machine learning platforms", "머신러닝 플랫폼"},
	{"practice", "Practices", "실무 역량"},
}

// tech is a technology: its English and Korean names and its category.
type tech struct{ en, ko, cat string }

var techs = []tech{
	{"Python", "파이썬", "language"}, {"Java", "자바", "language"}, {"Scala", "스칼라", "language"},
	{"Kotlin", "코틀린", "language"}, {"Golang", "고랭", "language"}, {"Rust", "러스트", "language"},
	{"TypeScript", "타입스크립트", "language"}, {"SQL", "에스큐엘", "language"},
	{"Kafka", "카프카", "streaming"}, {"Pulsar", "펄사", "streaming"}, {"Kinesis", "키네시스", "streaming"},
	{"RabbitMQ", "래빗엠큐", "streaming"}, {"Debezium", "데베지움", "streaming"}, {"NiFi", "나이파이", "streaming"},
	{"Spark", "스파크", "processing"}, {"Flink", "플링크", "processing"}, {"Hadoop", "하둡", "processing"},
	{"Hive", "하이브", "processing"}, {"Presto", "프레스토", "processing"}, {"Trino", "트리노", "processing"},
	{"Beam", "빔", "processing"}, {"Storm", "스톰", "processing"}, {"Ray", "레이", "processing"},
	{"Postgres", "포스트그레스", "storage"}, {"MySQL", "마이에스큐엘", "storage"}, {"Cassandra", "카산드라", "storage"},
	{"Redis", "레디스", "storage"}, {"MongoDB", "몽고디비", "storage"}, {"Elasticsearch", "엘라스틱서치", "storage"},
	{"HBase", "에이치베이스", "storage"}, {"ClickHouse", "클릭하우스", "storage"}, {"Druid", "드루이드", "storage"},
	{"Snowflake", "스노우플레이크", "warehouse"}, {"BigQuery", "빅쿼리", "warehouse"}, {"Redshift", "레드시프트", "warehouse"},
	{"Iceberg", "아이스버그", "warehouse"}, {"Delta", "델타", "warehouse"}, {"Hudi", "후디", "warehouse"},
	{"Airflow", "에어플로우", "orchestration"}, {"Dagster", "대그스터", "orchestration"}, {"Prefect", "프리펙트", "orchestration"},
	{"Argo", "아르고", "orchestration"}, {"Oozie", "우지", "orchestration"}, {"Luigi", "루이지", "orchestration"},
	{"Kubernetes", "쿠버네티스", "cloud"}, {"Docker", "도커", "cloud"}, {"Terraform", "테라폼", "cloud"},
	{"AWS", "아마존웹서비스", "cloud"}, {"GCP", "구글클라우드", "cloud"}, {"Azure", "애저", "cloud"},
	{"Ansible", "앤서블", "cloud"}, {"Linux", "리눅스", "cloud"},
	{"Prometheus", "프로메테우스", "observability"}, {"Grafana", "그라파나", "observability"},
	{"Datadog", "데이터독", "observability"}, {"Jaeger", "예거", "observability"},
	{"Tableau", "태블로", "analytics"}, {"Looker", "루커", "analytics"}, {"Superset", "슈퍼셋", "analytics"},
	{"Metabase", "메타베이스", "analytics"}, {"Redash", "리대시", "analytics"},
	{"PyTorch", "파이토치", "ml"}, {"TensorFlow", "텐서플로", "ml"}, {"MLflow", "엠엘플로우", "ml"},
	{"Kubeflow", "큐브플로우", "ml"}, {"Feast", "피스트", "ml"},
}

// facet is a part of a technology or a practice applied to it ("Kafka
// Streams", "Kafka Tuning"). The facets from practiceFrom on are also skills
// of their own ("Tuning", in the practice category).
type facet struct{ en, ko string }

const practiceFrom = 8

var facets = []facet{
	{"Streams", "스트림즈"}, {"Connect", "커넥트"}, {"Operator", "오퍼레이터"}, {"Engine", "엔진"},
	{"Pipelines", "파이프라인"}, {"Cluster", "클러스터"}, {"Gateway", "게이트웨이"}, {"Catalog", "카탈로그"},
	{"Scheduling", "스케줄링"}, {"Monitoring", "모니터링"}, {"Tuning", "튜닝"}, {"Security", "보안"},
	{"Migration", "마이그레이션"}, {"Modeling", "모델링"}, {"Testing", "테스트"}, {"Optimization", "최적화"},
	{"Observability", "관측성"}, {"Replication", "복제"}, {"Sharding", "샤딩"}, {"Caching", "캐싱"},
	{"Indexing", "인덱싱"}, {"Orchestration", "오케스트레이션"}, {"Ingestion", "수집"}, {"Governance", "거버넌스"},
	{"Lineage", "리니지"}, {"Quality", "품질"}, {"Backfills", "백필"}, {"Partitioning", "파티셔닝"},
	{"Serving", "서빙"}, {"Autoscaling", "오토스케일링"}, {"Upgrades", "업그레이드"}, {"Troubleshooting", "장애대응"},
}

// Stages are named by an industry and a company phase.
var industries = []facet{
	{"Fintech", "핀테크"}, {"Commerce", "커머스"}, {"Gaming", "게임"}, {"Mobility", "모빌리티"},
	{"Healthcare", "헬스케어"}, {"Edtech", "에듀테크"}, {"Media", "미디어"}, {"Travel", "여행"},
	{"Logistics", "물류"}, {"Adtech", "애드테크"}, {"Proptech", "프롭테크"}, {"Foodtech", "푸드테크"},
	{"Security", "보안"}, {"Telecom", "통신"}, {"Insurance", "보험"}, {"Music", "음악"},
	{"Social", "소셜"}, {"Manufacturing", "제조"}, {"Energy", "에너지"}, {"Public sector", "공공"},
}

var phases = []facet{
	{"seed", "시드"}, {"early", "초기"}, {"growth", "성장"}, {"scale-up", "스케일업"}, {"mature", "성숙"},
}

// Clauses make requirement texts as long as real bullets.
var tails = []facet{
	{"in a production environment", "실제 서비스 환경에서"},
	{"at the scale of billions of events a day", "하루 수십억 건 규모의 이벤트를 다루며"},
	{"with a small team that owns the whole platform", "플랫폼 전체를 소수 인원이 책임지는 환경에서"},
	{"while keeping costs under control", "비용을 통제하면서"},
	{"across several regions and clouds", "여러 리전과 클라우드에 걸쳐"},
	{"together with the service's backend developers", "서비스 백엔드 개발자와 함께"},
	{"for both batch and real-time workloads", "배치와 실시간 워크로드 모두에 대해"},
	{"with clear documentation and on-call rotations", "문서화와 온콜 체계를 갖추고"},
}

var implications = []facet{
	{"There is a lot to build, so fundamentals matter more than any one stack.", "구축할 것이 많아 특정 스택보다 기본기가 중요하다."},
	{"Hands-on experience in even one of these stacks is strongly preferred.", "이 중 하나라도 실무 경험이 있다면 강하게 선호된다."},
	{"Stable operation will take more time than new development.", "신규 개발보다 안정적인 운영에 더 많은 시간을 쓰게 된다."},
	{"You may migrate legacy systems to the new platform.", "기존 시스템을 새 플랫폼으로 옮기는 작업을 할 수도 있다."},
	{"Experts in each stack are few, so you will learn by doing.", "스택별 전문가가 적어 직접 부딪히며 배우게 된다."},
	{"Colleagues depend on the tools you build every day.", "동료들이 매일 당신이 만든 도구에 의존한다."},
}
