import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { ApiError } from "../api";

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong.";
}

/** The API understood the request and will give the same answer again: retrying is no way out. */
export function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.status === 422;
}

export interface ErrorAction {
  label: string;
  onClick: () => void;
}

/** A failed wait: the problem's own message, a way to try again, and any better next step. */
export function ErrorBar({ error, onRetry, action, title = "That did not work" }: { error: unknown; onRetry?: () => void; action?: ErrorAction; title?: string }) {
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {errorText(error)}
      </MessageBarBody>
      {(onRetry || action) && (
        <MessageBarActions>
          {action && (
            <Button size="small" appearance="primary" onClick={action.onClick}>
              {action.label}
            </Button>
          )}
          {onRetry && (
            <Button size="small" onClick={onRetry}>
              Retry
            </Button>
          )}
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
