import Hummingbird

/// `GET /health`: answers while the process serves requests.
struct HealthController {
    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("health") { _, _ in ["status": "ok"] }
    }
}
