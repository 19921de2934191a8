import { Badge } from "@fluentui/react-components";
import type { GhostRisk } from "../api";

const colors: Record<string, "danger" | "warning" | "success" | "informative"> = {
  critical: "danger",
  high: "danger",
  medium: "warning",
  low: "success",
};

export function RiskBadge({ risk, size = "medium" }: { risk: GhostRisk; size?: "medium" | "large" }) {
  const level = risk.level.toLowerCase();
  return (
    <Badge appearance="filled" color={colors[level] ?? "informative"} size={size} data-testid="risk-level">
      {`${level.charAt(0).toUpperCase()}${level.slice(1)} risk · ${risk.score}`}
    </Badge>
  );
}
