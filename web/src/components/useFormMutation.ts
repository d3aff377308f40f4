// Runs a mutation for an antd Form: on BAD_USER_INPUT the server's field errors (extensions.field,
// e.g. "input.organization.creditCode") are put next to the form fields (['organization','creditCode']);
// every error also becomes `problem`, for a <ProblemAlert> above the form.
import { useState } from 'react';
import type { FormInstance } from 'antd';
import { useMutation, type AnyVariables } from 'urql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { formFieldErrors, problemOf, type ApiProblem } from '../errors';

export function useFormMutation<Data, Vars extends AnyVariables>(
  document: TypedDocumentNode<Data, Vars>,
  form?: FormInstance,
  fieldPrefix = 'input',
) {
  const [state, execute] = useMutation<Data, Vars>(document);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const run = async (variables: Vars): Promise<Data | null> => {
    setProblem(null);
    const result = await execute(variables);
    if (result.error) {
      const p = problemOf(result.error);
      setProblem(p);
      if (form) form.setFields(formFieldErrors(p, fieldPrefix));
      return null;
    }
    return result.data ?? null;
  };
  return { run, problem, fetching: state.fetching, clearProblem: () => setProblem(null) };
}
