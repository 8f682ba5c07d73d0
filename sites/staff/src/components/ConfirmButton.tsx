// A submit button that asks first ("确定销号吗？"). Without JavaScript it is a plain submit
// button and the form posts at once; the server checks everything anyway. Holds no token.
import type { MouseEvent } from "react";

interface Props {
  label: string;
  question: string;
  className?: string;
  /** A fuller accessible name when the visible label is short ("停用" → "停用 梅泾村"). */
  ariaLabel?: string;
}

export default function ConfirmButton({ label, question, className, ariaLabel }: Props) {
  const onClick = (e: MouseEvent<HTMLButtonElement>) => {
    if (!window.confirm(question)) e.preventDefault();
  };
  return (
    <button type="submit" className={className} onClick={onClick} aria-label={ariaLabel}>
      {label}
    </button>
  );
}
