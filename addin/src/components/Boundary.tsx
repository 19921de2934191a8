import { Component } from "react";
import type { ReactNode } from "react";
import { ErrorBar } from "./ErrorBar";

/** A screen that fails to render shows the error and a retry, instead of a blank pane. */
export class Boundary extends Component<{ children: ReactNode; resetKey?: unknown }, { error?: unknown; key?: unknown }> {
  state: { error?: unknown; key?: unknown } = {};

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey?: unknown }, state: { error?: unknown; key?: unknown }) {
    return props.resetKey !== state.key ? { error: undefined, key: props.resetKey } : null;
  }

  render() {
    if (this.state.error !== undefined)
      return <ErrorBar error={this.state.error} title="This screen could not be shown" onRetry={() => this.setState({ error: undefined })} />;
    return this.props.children;
  }
}
